import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, itemText, listItems } from '../../src/lib/board/schema.ts';
import { appContext, setAppContext } from '../../src/lib/server/context.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { MIGRATIONS_DIR } from '../../server/database.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import {
	childStorage,
	freePort,
	killHard,
	runServerToExit,
	startChildServer,
	stopChild,
	type ChildServer
} from './faults-support.ts';
import { storedDoc, testSeed } from './fuzz-support.ts';
import {
	Harness,
	joinAsGuest,
	seededRandom,
	upgradeStatus,
	warmUp,
	type TestProvider
} from './support.ts';

const WAIT = { timeout: 30_000, interval: 50 };
/** Time for a test that starts server processes (slow on a loaded machine). */
const CHILD_TEST_TIMEOUT_MS = 180_000;
const CLIENTS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client editing at random: new notes, and typing into the notes it made. */
class Editor {
	readonly created: string[] = [];
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(
		readonly index: number,
		readonly client: TestProvider,
		readonly random: () => number
	) {}

	start(everyMs: number): void {
		this.#timer = setInterval(() => this.edit(), everyMs);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
	}

	edit(): void {
		const { doc } = this.client;
		const own = this.created[Math.floor(this.random() * this.created.length)];
		if (own && this.random() < 0.5) {
			itemText(doc, own)?.insert(0, String.fromCharCode(97 + Math.floor(this.random() * 26)));
			return;
		}
		const x = Math.round(this.random() * 2000);
		// Editor 0 is the facilitator (no category); the others joined as usagers.
		const category = this.index === 0 ? null : 'usager';
		const note = { x, y: this.index * 200, text: `c${this.index}`, category };
		this.created.push(createSticky(doc, note));
	}
}

/**
 * Updates `client` had received from others that `stored` lacks: for each other Yjs client id,
 * how many structs the client has beyond what the stored document has.
 */
function missingFromStored(client: Y.Doc, stored: Y.Doc): number {
	const storedVector = Y.decodeStateVector(Y.encodeStateVector(stored));
	let missing = 0;
	for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(client))) {
		if (clientId === client.clientID) continue;
		missing += Math.max(0, clock - (storedVector.get(clientId) ?? 0));
	}
	return missing;
}

function sameDocs(docs: Y.Doc[]): boolean {
	const [first, ...rest] = docs.map((doc) => JSON.stringify(listItems(doc)));
	return rest.every((other) => other === first);
}

describe.each(DRIVERS)('faults (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	async function child(port: number, env: Record<string, string>): Promise<ChildServer> {
		const started = await startChildServer(port, env);
		h.defer(() => stopChild(started));
		return started;
	}

	it(
		'kill -9 while 20 clients edit: what any client received is stored, and reconnecting clients resend the rest',
		async () => {
			const random = seededRandom(testSeed('kill -9'));
			const storage = await childStorage(driver);
			h.defer(() => storage.destroy());
			const port = await freePort();
			const first = await child(port, storage.env);
			const host = new ApiClient(first.server.url);
			await host.signUp('Fatima Facilitatrice');
			const board = await host.createBoard('Atelier résilience');
			const people = [host];
			for (let i = 1; i < CLIENTS; i++) {
				people.push(await joinAsGuest(first.server, board.joinUrl, `Personne ${i}`, 'usager'));
			}
			const editors: Editor[] = [];
			for (const [index, person] of people.entries()) {
				const client = await h.syncedProvider(first.server, board.id, { cookie: person.cookie });
				editors.push(new Editor(index, client, random));
			}

			for (const editor of editors) editor.start(40 + Math.floor(random() * 40));
			await sleep(2000);
			await killHard(first);
			await sleep(300); // edits go on, offline
			for (const editor of editors) editor.stop();
			for (const { client } of editors) client.provider.disconnect();

			const second = await child(port, storage.env);
			const observer = await h.syncedProvider(second.server, board.id, { cookie: host.cookie });
			const lost = editors.map(({ client }) => missingFromStored(client.doc, observer.doc));
			expect(lost).toEqual(new Array(CLIENTS).fill(0));
			const empty = new Y.Doc();
			const received = editors.map(({ client }) => missingFromStored(client.doc, empty));
			expect(Math.min(...received)).toBeGreaterThan(0);

			for (const { client } of editors) client.provider.connect();
			const created = editors.flatMap((editor) => editor.created).sort();
			const docs = [observer.doc, ...editors.map(({ client }) => client.doc)];
			await vi.waitFor(() => {
				expect(
					listItems(observer.doc)
						.map((item) => item.id)
						.sort()
				).toEqual(created);
				expect(sameDocs(docs)).toBe(true);
			}, WAIT);
			expect(created.length).toBeGreaterThan(CLIENTS);
			// PGlite: what was broadcast but not yet committed at the kill came back from the journal.
			const replayed = /"rows":(\d+)[^\n]*journal: stored/.exec(second.output())?.[1] ?? '0';
			console.info(
				`[kill -9] ${CLIENTS} clients, ${created.length} notes, ` +
					`${received.reduce((sum, n) => sum + n, 0)} structs received from others before the kill, ` +
					`${replayed} updates stored from the journal at restart, 0 lost`
			);
			await stopChild(second);
			expect(second.output()).not.toMatch(/"level":(50|60)/);
		},
		CHILD_TEST_TIMEOUT_MS
	);

	it('a database outage: nothing unstored is relayed, new sockets get 503, and everything is caught up when it returns', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(a.doc, { x: 0, y: 0, text: 'Avant la panne' });
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(1), WAIT);

		const outage = await databaseOutage(driver);
		createSticky(a.doc, { x: 300, y: 0, text: 'Pendant la panne' });
		await sleep(1500);
		expect(listItems(b.doc).map((item) => item.text)).toEqual(['Avant la panne']);
		expect(
			await upgradeStatus(server, `/yjs/${board.id}`, { headers: { cookie: guest.cookie } })
		).toBe(503);
		const api = await guest.request('GET', '/api/boards');
		expect(api.status).toBeGreaterThanOrEqual(500);
		await sleep(1500);
		await outage.end();

		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(2), WAIT);
		const texts = listItems(await storedDoc(board.id))
			.map((item) => item.text)
			.sort();
		expect(texts).toEqual(['Avant la panne', 'Pendant la panne']);
		const c = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		expect(listItems(c.doc)).toEqual(listItems(a.doc));
		expect([...a.closeCodes, ...b.closeCodes]).toEqual([]);
	});
});

describe('start-up', () => {
	const h = new Harness();
	afterEach(() => h.cleanup());

	it(
		'refuses to start, with a one-line reason, when DATA_DIR is not writable or a migration fails',
		async () => {
			const unwritable = await runServerToExit({ DATA_DIR: '/dev/null/croisee' });
			expect(unwritable.code).toBe(1);
			expect(unwritable.stderr.trim()).toMatch(
				/^Croisée failed to start: DATA_DIR \/dev\/null\/croisee is not writable: ENOTDIR[^\n]*$/
			);
			const storage = await childStorage('pglite');
			h.defer(() => storage.destroy());
			const broken = await runServerToExit({
				...storage.env,
				MIGRATIONS_DIR: brokenMigrations(storage.env.DATA_DIR ?? '')
			});
			expect(broken.code).toBe(1);
			expect(broken.stderr.trim()).toMatch(
				/^Croisée failed to start: database migration failed \([^)]*\): [^\n]*no_such_table[^\n]*$/
			);
			expect(broken.stdout).not.toContain('Croisée is running');
		},
		CHILD_TEST_TIMEOUT_MS
	);

	it(
		'refuses to start, with a one-line reason, when the disk holding DATA_DIR is full',
		async () => {
			const disk = fullDisk();
			h.defer(() => disk.remove());
			const full = await runServerToExit({ DATA_DIR: `${disk.path}/croisee` });
			expect(full.code).toBe(1);
			expect(full.stderr.trim()).toMatch(
				/^Croisée failed to start: DATA_DIR \S+ is not writable: ENOSPC[^\n]*$/
			);
			expect(full.stdout).not.toContain('Croisée is running');
		},
		CHILD_TEST_TIMEOUT_MS
	);
});

/**
 * A real full disk: a 256 KiB tmpfs (mounting needs root, as on the CI machines) filled up to
 * ENOSPC. `remove()` unmounts it.
 */
function fullDisk(): { path: string; remove(): void } {
	const where = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-full-'));
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', where]);
	if (mounted.status !== 0) {
		throw new Error(`mounting a tmpfs failed (root needed): ${mounted.stderr.toString().trim()}`);
	}
	const remove = () => {
		spawnSync('umount', [where]);
		fs.rmSync(where, { recursive: true, force: true });
	};
	try {
		const chunk = Buffer.alloc(16 * 1024, 1);
		const fd = fs.openSync(path.join(where, 'filler'), 'w');
		try {
			for (;;) fs.writeSync(fd, chunk);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
		} finally {
			fs.closeSync(fd);
		}
	} catch (error) {
		remove();
		throw error;
	}
	return { path: where, remove };
}

/** A copy of the migrations with one more that cannot apply; returns its folder. */
function brokenMigrations(parent: string): string {
	const folder = `${parent}/migrations`;
	fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true });
	const journalFile = `${folder}/meta/_journal.json`;
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
		entries: Array<{ idx: number; when: number; tag: string }>;
	};
	const last = journal.entries[journal.entries.length - 1];
	if (!last) throw new Error('no migrations');
	journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' });
	fs.writeFileSync(journalFile, JSON.stringify(journal));
	fs.writeFileSync(`${folder}/9999_broken.sql`, 'ALTER TABLE no_such_table ADD COLUMN x integer;');
	return folder;
}

/**
 * Takes the test server's database away until `end()`: PGlite by making every use of the
 * database throw, PostgreSQL for real (connections refused and the open ones terminated).
 */
async function databaseOutage(driver: 'pglite' | 'postgres'): Promise<{ end(): Promise<void> }> {
	const context = appContext();
	if (driver === 'pglite') {
		const down = new Proxy(context.db, {
			get() {
				throw new Error('database unavailable (injected)');
			}
		}) as Database;
		setAppContext({ ...context, db: down });
		return { end: async () => setAppContext({ ...appContext(), db: context.db }) };
	}
	const [row] = (await context.db.execute(sql`select current_database() as name`)) as unknown as [
		{ name: string }
	];
	const name = row?.name ?? '';
	const admin = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
	await admin.unsafe(`alter database ${name} allow_connections false`);
	await admin.unsafe(
		`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`
	);
	return {
		end: async () => {
			await admin.unsafe(`alter database ${name} allow_connections true`);
			await admin.end();
		}
	};
}
