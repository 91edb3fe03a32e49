import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../src/lib/server/config.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { seededRandom } from '../helpers/random.ts';
import { allEqual, SoakClient, type SoakCounters } from './clients.ts';

/**
 * `npm run soak -- --minutes 10 --clients 200`: a bounded, loopback-only soak of the real server
 * (in this process, embedded PGlite in a temporary directory, or DATABASE_URL): clients edit at
 * random and drop their connection now and then; at the end every document must be equal, the
 * stored board must equal them, no error may have been logged, and the heap must come back to
 * its baseline once everyone left. Exits 1 when any of that fails.
 */

const { values } = parseArgs({
	options: {
		minutes: { type: 'string', default: '10' },
		clients: { type: 'string', default: '200' },
		boards: { type: 'string', default: '4' },
		seed: { type: 'string' }
	}
});
const MINUTES = Number(values.minutes);
const CLIENTS = Number(values.clients);
const BOARDS = Number(values.boards);
const SEED = Number(values.seed) || Date.now() % 2_147_483_647;
const TICK_MS = 1000;
/** Chance per client per tick of dropping the connection (about one drop per client-minute). */
const DISCONNECT_CHANCE = 1 / 60;
/** Heap growth tolerated after everyone left, in bytes (V8 keeps some caches). */
const HEAP_SLACK_BYTES = 32 * 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Counts log lines at level error (50) or fatal (60) written by the server. */
function countErrorLogs(): { count(): number } {
	let errors = 0;
	const write = process.stdout.write.bind(process.stdout);
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
		errors += (text.match(/"level":(50|60)/g) ?? []).length;
		return write(chunk, ...rest);
	}) as typeof process.stdout.write;
	return { count: () => errors };
}

async function heapAfterGc(): Promise<number> {
	const gc = (globalThis as { gc?: () => void }).gc;
	for (let i = 0; i < 3; i++) {
		gc?.();
		await sleep(200);
	}
	return process.memoryUsage().heapUsed;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`soak: timed out waiting for ${what}`);
		await sleep(250);
	}
}

async function people(server: RunningServer) {
	const host = new ApiClient(server.url);
	await host.signUp('Soak Facilitatrice');
	const boards = [];
	for (let i = 0; i < BOARDS; i++) boards.push(await host.createBoard(`Soak ${i + 1}`));
	const guests: Array<{ cookie: string; boardId: string }> = [];
	for (let i = 0; i < CLIENTS; i++) {
		const board = boards[i % boards.length];
		if (!board) throw new Error('no board');
		const guest = new ApiClient(server.url);
		await guest.join(board.joinUrl, `Personne ${i + 1}`, 'usager');
		guests.push({ cookie: guest.cookie, boardId: board.id });
	}
	return { host, boards, guests };
}

/** Every client of each board, plus a fresh one loading the board, must hold the same document. */
async function checkConverged(
	server: RunningServer,
	clients: SoakClient[],
	host: ApiClient,
	boardIds: string[]
) {
	const wsUrl = server.url.replace(/^http/, 'ws');
	const counters: SoakCounters = { edits: 0, disconnects: 0 };
	for (const boardId of boardIds) {
		const onBoard = clients.filter((client) => client.provider.roomname === boardId);
		await waitFor(`board ${boardId} to converge`, () => allEqual(onBoard.map((c) => c.doc)));
		const fresh = new SoakClient({ wsUrl, boardId, cookie: host.cookie }, Math.random, counters);
		const [reference] = onBoard;
		if (!reference) continue;
		await waitFor(`a fresh client on ${boardId}`, () => allEqual([fresh.doc, reference.doc]));
		fresh.destroy();
	}
}

/**
 * Starts the server, retrying for a minute while `build/` is missing (another `vite build` may be
 * rewriting it in a shared working tree).
 */
async function startWhenBuilt(config: Config): Promise<RunningServer> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startServer({ config });
		} catch (error) {
			if (attempt >= 30 || !String(error).includes('build/handler.js')) throw error;
			await sleep(2000);
		}
	}
}

async function main(): Promise<void> {
	// Every stock provider adds a process 'exit' listener.
	process.setMaxListeners(0);
	const errorLogs = countErrorLogs();
	const random = seededRandom(SEED);
	const config: Config = {
		...loadConfig(),
		port: 0,
		host: '127.0.0.1',
		dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-soak-')),
		secret: 'soak-secret',
		idleBoardUnloadMs: 1000,
		maxConnectionsPerPerson: 10
	};
	const server = await startWhenBuilt(config);
	console.info(`soak: seed ${SEED}, ${CLIENTS} clients on ${BOARDS} boards for ${MINUTES} min`);
	const { host, boards, guests } = await people(server);
	const baseline = await heapAfterGc();

	const wsUrl = server.url.replace(/^http/, 'ws');
	const counters: SoakCounters = { edits: 0, disconnects: 0 };
	const clients = guests.map((guest) => new SoakClient({ wsUrl, ...guest }, random, counters));
	await waitFor('every client to sync', () => clients.every((client) => client.provider.synced));
	let peakHeap = 0;
	let peakConnections = 0;
	const end = Date.now() + MINUTES * 60_000;
	while (Date.now() < end) {
		const now = Date.now();
		for (const client of clients) client.tick(now, DISCONNECT_CHANCE);
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
		peakConnections = Math.max(peakConnections, server.realtime.stats().connections);
		await sleep(TICK_MS);
	}
	for (const client of clients) client.reconnect();
	await checkConverged(
		server,
		clients,
		host,
		boards.map((board) => board.id)
	);
	const items = clients.reduce((max, c) => Math.max(max, c.doc.getMap('items').size), 0);
	for (const client of clients) client.destroy();
	// The clients live in this process too: drop them so that only the server's memory remains.
	clients.length = 0;
	await waitFor('every board to unload', () => server.realtime.stats().boards === 0);
	const final = await heapAfterGc();
	await server.close();
	fs.rmSync(config.dataDir, { recursive: true, force: true, maxRetries: 5 });

	const heapOk = final <= baseline + HEAP_SLACK_BYTES;
	const errors = errorLogs.count();
	console.info(
		[
			`soak: ${counters.edits} edits, ${counters.disconnects} random disconnects, ` +
				`peak ${peakConnections} connections, up to ${items} notes per board`,
			`soak: heap baseline ${mb(baseline)}, peak ${mb(peakHeap)}, after ${mb(final)} (${heapOk ? 'back to baseline' : 'NOT back to baseline'})`,
			`soak: documents equal on every board: yes; errors logged: ${errors}`
		].join('\n')
	);
	process.exit(heapOk && errors === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
	console.error(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
