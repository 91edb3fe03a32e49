import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import * as Y from 'yjs';
import { createSticky, itemText, moveItem } from '../../src/lib/board/schema.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { setAppContext } from '../../src/lib/server/context.ts';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { boards, users, workshops } from '../../src/lib/server/db/schema.ts';
import { LoginThrottle } from '../../src/lib/server/login-throttle.ts';
import { MIGRATIONS_DIR } from '../../server/database.ts';
import { UpdateLog } from '../../server/realtime/update-log.ts';
import { createDatabase } from './croisee-target.ts';

/**
 * `npm run bench:durable`: how many updates per second Croisée's durable log stores, on embedded
 * PGlite and (with `DATABASE_URL`) on PostgreSQL. It drives the server's own `UpdateLog` (the
 * class every board uses: updates grouped while a commit is in flight, one numbering INSERT per batch,
 * broadcast only once stored, a snapshot every `SNAPSHOT_EVERY_UPDATES`) with realistic updates
 * from 50 writers (notes created, typed a character at a time, moved), offered at 5,000/s (it
 * must keep up, with little delay), then at 30,000/s (more than it stores: its maximum), and counts
 * what is stored. Target: ≥ 5,000 updates/s sustained on both databases.
 *
 * The peers have no durable log (`@y/websocket-server` 0.1.1 and Hocuspocus without a database
 * extension keep documents in memory), so there is nothing to compare with.
 */

const TARGET_PER_SECOND = 5_000;
const WRITERS = 50;
const UPDATES = 250_000;
const DURATION_MS = 10_000;
/** The rate is measured after this much time (the first batches are not steady). */
const WARMUP_MS = 2_000;
/**
 * Updates offered per second, more than either database stores: the writers keep sending while
 * the server is busy, and what arrived meanwhile joins the next batch, as on a real socket.
 */
const MAX_OFFERED_PER_SECOND = 30_000;
/** The writers pause while this many updates are unstored (a server's sockets would buffer). */
const MAX_BACKLOG = 20_000;
const CATEGORIES = ['usager', 'agent', 'manager', 'elu'];

/** 50 writers' updates, as a board receives them: notes created, typed into, moved. */
function realisticUpdates(count: number): Uint8Array[] {
	const docs = Array.from({ length: WRITERS }, () => new Y.Doc());
	const updates: Uint8Array[] = [];
	for (const doc of docs) doc.on('update', (update: Uint8Array) => updates.push(update));
	const notes = docs.map(() => [] as string[]);
	for (let step = 0; updates.length < count; step++) {
		const writer = step % WRITERS;
		const doc = docs[writer]!;
		const own = notes[writer]!;
		if (own.length === 0 || step % 40 === writer % 40) {
			own.push(createSticky(doc, { x: step % 2000, y: writer * 10, text: '' }));
		} else if (step % 9 === 0) {
			moveItem(doc, { id: own.at(-1)!, x: step % 1500, y: writer * 12 });
		} else {
			const text = itemText(doc, own.at(-1)!)!;
			text.insert(text.length, 'abcdefghijklmnopqrstuvwxyz '[step % 27]!);
		}
	}
	return updates.slice(0, count);
}

interface DurableRow {
	database: 'pglite' | 'postgres';
	offeredPerSecond: number;
	stored: number;
	seconds: number;
	perSecond: number;
	batches: number;
	meanBatch: number;
	/** Append to stored, per update: p50/p99 in ms. */
	latencyP50Ms: number;
	latencyP99Ms: number;
}

async function seedBoard(handle: DatabaseHandle, id: string): Promise<string> {
	await handle.db.insert(users).values({ id, kind: 'guest', name: 'Bench' });
	await handle.db.insert(workshops).values({ id, title: 'Bench', ownerId: id });
	await handle.db.insert(boards).values({ id, workshopId: id, title: 'Bench' });
	return id;
}

async function measure(
	database: DurableRow['database'],
	handle: DatabaseHandle,
	updates: readonly Uint8Array[],
	offeredPerSecond: number
): Promise<DurableRow> {
	const config = loadConfig({});
	setAppContext({
		config,
		db: handle.db,
		sealKey: new Uint8Array(32),
		loginThrottle: new LoginThrottle(),
		realtime: null
	});
	const boardId = await seedBoard(handle, `bench-${offeredPerSecond}`);
	const doc = new Y.Doc();
	const appendedAt = new Map<number, number>();
	const latencies: number[] = [];
	let stored = 0;
	let batches = 0;
	const log = new UpdateLog({
		boardId,
		loaded: { lastSeq: 0, lastSnapshotSeq: 0, lastSnapshotBytes: 0, bytesSinceSnapshot: 0 },
		batchMs: config.logBatchMs,
		snapshotEveryUpdates: config.snapshotEveryUpdates,
		snapshotOf: () => ({ state: Y.encodeStateAsUpdate(doc), itemCount: 0, seq: stored }),
		onStored: (entries) => {
			const now = performance.now();
			batches++;
			for (const entry of entries) {
				const at = appendedAt.get(entry.origin as number);
				if (at !== undefined) latencies.push(now - at);
			}
			stored += entries.length;
		},
		log: pino({ level: 'warn' })
	});
	let appended = 0;
	const started = performance.now();
	/** Stored count and time once warmed up: the rate is taken from there to the end. */
	let warm: { stored: number; at: number } | null = null;
	while (performance.now() - started < DURATION_MS && appended < updates.length) {
		if (!warm && performance.now() - started >= WARMUP_MS) {
			warm = { stored, at: performance.now() };
		}
		const due = Math.min(
			updates.length,
			Math.floor(((performance.now() - started) / 1000) * offeredPerSecond),
			stored + MAX_BACKLOG
		);
		for (; appended < due; appended++) {
			const update = updates[appended]!;
			Y.applyUpdate(doc, update);
			appendedAt.set(appended, performance.now());
			log.append({
				update,
				authorId: 'bench-user',
				category: CATEGORIES[appended % CATEGORIES.length]!,
				origin: appended
			});
		}
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	const ended = performance.now();
	const window = (ended - started) / 1000;
	const storedInWindow = stored;
	const from = warm ?? { stored: 0, at: started };
	const perSecond = Math.round((stored - from.stored) / ((ended - from.at) / 1000));
	await log.snapshotIfBehind();
	log.stop();
	setAppContext(null);
	latencies.sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.floor((latencies.length - 1) * q)] ?? 0;
	return {
		database,
		offeredPerSecond,
		stored: storedInWindow,
		seconds: Math.round(window * 100) / 100,
		perSecond,
		batches,
		meanBatch: Math.round((stored / Math.max(1, batches)) * 10) / 10,
		latencyP50Ms: Math.round(at(0.5) * 10) / 10,
		latencyP99Ms: Math.round(at(0.99) * 10) / 10
	};
}

/** At the target rate (it must keep up, with little delay), then offered more than it stores. */
async function both(
	database: DurableRow['database'],
	handle: DatabaseHandle,
	updates: readonly Uint8Array[]
): Promise<DurableRow[]> {
	await handle.migrate(MIGRATIONS_DIR);
	return [
		await measure(database, handle, updates, TARGET_PER_SECOND),
		await measure(database, handle, updates, MAX_OFFERED_PER_SECOND)
	];
}

const updates = realisticUpdates(UPDATES);
const rows: DurableRow[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-durable-'));
try {
	const pglite = await openDatabase({ dataDir });
	try {
		rows.push(...(await both('pglite', pglite, updates)));
	} finally {
		await pglite.close();
	}
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
	const database = await createDatabase(process.env.DATABASE_URL);
	try {
		const postgres = await openDatabase({ url: database.url });
		try {
			rows.push(...(await both('postgres', postgres, updates)));
		} finally {
			await postgres.close();
		}
	} finally {
		await database.drop();
	}
} else {
	console.error('bench:durable: DATABASE_URL is not set, PostgreSQL skipped');
}

console.log(
	`Durable log: ${WRITERS} writers' updates offered at the target rate, then faster than stored, ${DURATION_MS / 1000} s each, LOG_BATCH_MS and SNAPSHOT_EVERY_UPDATES at their defaults (peers: not applicable, no durable log)`
);
for (const row of rows) {
	const atTarget = row.offeredPerSecond === TARGET_PER_SECOND;
	// Keeping up: storing what is offered, but for the updates still on their way at the end.
	const verdict = atTarget
		? `keeps up with ${TARGET_PER_SECOND}/s: ${row.perSecond >= TARGET_PER_SECOND * 0.95 ? 'yes' : 'NO'}`
		: 'its maximum';
	console.log(
		`${row.database.padEnd(8)} offered ${String(row.offeredPerSecond).padStart(6)}/s: ${String(row.perSecond).padStart(6)} updates/s stored after warm-up, ${row.batches} batches of ${row.meanBatch} on average, append→stored p50 ${row.latencyP50Ms} ms, p99 ${row.latencyP99Ms} ms (${verdict})`
	);
}
console.log(JSON.stringify({ durable: rows }));
