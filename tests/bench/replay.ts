import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/lib/server/config.ts';
import { setAppContext } from '../../src/lib/server/context.ts';
import { openDatabase } from '../../src/lib/server/db/client.ts';
import { LoginThrottle } from '../../src/lib/server/login-throttle.ts';
import { ReplayCursor, ReplayEngine, type HistoryUpdate } from '../../src/lib/board/replay.ts';
import { loadHistory } from '../../src/lib/client/replay-player.svelte.ts';
import { insertSnapshot, insertUpdates } from '../../src/lib/server/history/store.ts';
import { PGLITE_SUBDIR } from '../../server/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { seededRandom } from '../helpers/random.ts';
import { createDatabase, spawnCroisee } from './croisee-target.ts';
import { WORKSHOP_MS, buildReplayWorkshop, type ReplayWorkshop } from './replay-workshop.ts';
import { TargetUnavailable, freePort, waitForHttp, type StartContext } from './targets.ts';

/**
 * The replay scenario of `npm run bench`: what an evaluator pays to replay a two-hour workshop of
 * 20,000 updates. The workshop is stored in a real Croisée server's database with the server's own
 * insert (`insertUpdates`, `insertSnapshot`), then the history is loaded over HTTP from that
 * server exactly as the replay page does (`loadHistory`), and `ReplayEngine`/`ReplayCursor` seek
 * and play as the page's `ReplayPlayer` drives them. Croisée only: the peers have no history.
 */

/** The target: reaching any moment of the workshop takes less than this, in ms. */
export const REPLAY_TARGET_MS = 500;

/** Settings of the replay scenario. */
export interface ReplaySpec {
	updates: number;
	clients: number;
	seed: number;
	/** Random moments reached, cold then warm. */
	seeks: number;
	/** Frames played at 32× (60 frames per second of wall time). */
	frames: number;
	/** The server's `SNAPSHOT_EVERY_UPDATES`. */
	snapshotEvery: number;
}

/** Percentiles of a list of durations, in ms. */
export interface Durations {
	count: number;
	p50: number;
	p95: number;
	max: number;
}

/** What the replay scenario measured. */
export interface ReplayRow {
	spec: ReplaySpec;
	workshop: { updates: number; snapshots: number; finalItems: number; logBytes: number };
	/** Time to store the workshop through the server's insert (not an evaluator's cost). */
	storeMs: number;
	/** Index + every update page over HTTP, decoded, and the engine built (`loadHistory`). */
	loadMs: number;
	/** Bytes of the update pages received. */
	loadBytes: number;
	/** First frame: the cursor at the start of the workshop (`new ReplayCursor`). */
	firstFrameMs: number;
	/** Random moments on the freshly loaded engine (checkpoints built lazily by the seeks). */
	cold: Durations;
	/** The same moments again, every checkpoint built. */
	warm: Durations;
	/** The slowest single seek: the end of the workshop on a fresh engine. */
	coldEndMs: number;
	/** Playing at 32×: one animation frame's seek. */
	play32: Durations & { workshopMinutes: number };
	targetMs: number;
}

/** Percentiles of `values` (ms), rounded to 0.01 ms. */
export function durations(values: readonly number[]): Durations {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
	const round = (value: number) => Math.round(value * 100) / 100;
	return {
		count: sorted.length,
		p50: round(at(0.5)),
		p95: round(at(0.95)),
		max: round(sorted.at(-1) ?? 0)
	};
}

/** Stores `workshop` in the database the stopped server left, through the server's SQL. */
async function storeWorkshop(input: {
	boardId: string;
	workshop: ReplayWorkshop;
	dataDir: string;
	databaseUrl: string | null;
}): Promise<void> {
	const handle = await openDatabase(
		input.databaseUrl
			? { url: input.databaseUrl }
			: { dataDir: path.join(input.dataDir, PGLITE_SUBDIR) }
	);
	setAppContext({
		config: loadConfig({}),
		db: handle.db,
		sealKey: new Uint8Array(32),
		loginThrottle: new LoginThrottle(),
		realtime: null
	});
	try {
		const { updates, snapshots } = input.workshop;
		// The server stores a batch every LOG_BATCH_MS; batches of 100 keep this setup short.
		for (let i = 0; i < updates.length; i += 100) {
			await insertUpdates(input.boardId, updates.slice(i, i + 100));
		}
		for (const snapshot of snapshots) await insertSnapshot(input.boardId, snapshot);
	} finally {
		setAppContext(null);
		await handle.close();
	}
}

/** Seeks to `times` one after the other, as the slider does; the duration of each, in ms. */
function seekAll(cursor: ReplayCursor, times: readonly number[]): number[] {
	return times.map((time) => {
		const started = performance.now();
		cursor.moveTo(cursor.engine.countAt(time));
		return performance.now() - started;
	});
}

/** Plays `frames` animation frames at 32× from the middle of the workshop; ms per frame. */
function play32(engine: ReplayEngine, frames: number): number[] {
	const cursor = new ReplayCursor(engine);
	const start = engine.startAt ?? 0;
	let time = start + WORKSHOP_MS / 2;
	cursor.moveTo(engine.countAt(time));
	const frameMs = 1000 / 60;
	const spent: number[] = [];
	for (let frame = 0; frame < frames; frame++) {
		time += frameMs * 32;
		const started = performance.now();
		cursor.moveTo(engine.countAt(time));
		spent.push(performance.now() - started);
	}
	return spent;
}

/** The updates held by an engine, to build a fresh engine over the same history. */
function updatesOf(engine: ReplayEngine): HistoryUpdate[] {
	return engine.steps
		.filter((step) => step.kind === 'update')
		.map(({ seq, at, category, bytes }) => ({ seq, at, category, update: bytes }));
}

/** Measures what an evaluator pays once the workshop is stored and the server restarted. */
async function measure(input: {
	base: string;
	cookie: string;
	boardId: string;
	spec: ReplaySpec;
}): Promise<Omit<ReplayRow, 'spec' | 'workshop' | 'storeMs' | 'targetMs'>> {
	let loadBytes = 0;
	const fetchFromServer = (async (url: string) => {
		const response = await fetch(input.base + url, { headers: { cookie: input.cookie } });
		const copy = response.clone();
		if (url.includes('/updates')) loadBytes += (await copy.arrayBuffer()).byteLength;
		return response;
	}) as typeof fetch;
	let started = performance.now();
	const { engine } = await loadHistory({ boardId: input.boardId, fetch: fetchFromServer });
	const loadMs = performance.now() - started;
	if (engine.steps.length !== input.spec.updates) {
		throw new Error(`history holds ${engine.steps.length} steps, ${input.spec.updates} stored`);
	}
	started = performance.now();
	const cursor = new ReplayCursor(engine);
	const firstFrameMs = performance.now() - started;
	const random = seededRandom(input.spec.seed + 1);
	const start = engine.startAt ?? 0;
	const span = (engine.endAt ?? start) - start;
	const times = Array.from({ length: input.spec.seeks }, () => start + random() * span);
	const cold = durations(seekAll(cursor, times));
	const warm = durations(seekAll(cursor, times));
	const fresh = new ReplayEngine({ updates: updatesOf(engine) });
	started = performance.now();
	new ReplayCursor(fresh).moveTo(fresh.steps.length);
	const coldEndMs = performance.now() - started;
	const frames = play32(engine, input.spec.frames);
	const workshopMinutes = (input.spec.frames * (1000 / 60) * 32) / 60_000;
	return {
		loadMs,
		loadBytes,
		firstFrameMs,
		cold,
		warm,
		coldEndMs,
		play32: { ...durations(frames), workshopMinutes }
	};
}

/**
 * Runs the replay scenario on Croisée: a server on a fresh database, a facilitator and a board
 * made through the API, the workshop stored while the server is stopped (PGlite allows one
 * process), the server restarted, then the evaluator's costs measured from this process.
 */
export async function runReplayScenario(
	context: StartContext,
	spec: ReplaySpec
): Promise<ReplayRow> {
	const workshop = buildReplayWorkshop({ ...spec, startAt: Date.UTC(2026, 10, 26, 14, 0) });
	const logBytes = workshop.updates.reduce((sum, row) => sum + row.update.byteLength, 0);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-replay-'));
	const database = context.postgresUrl ? await createDatabase(context.postgresUrl) : null;
	const databaseUrl = database?.url ?? null;
	let server = spawnCroisee({ context, port, dataDir, databaseUrl });
	try {
		try {
			await waitForHttp(`${base}/healthz`, server);
		} catch (error) {
			throw new TargetUnavailable(error instanceof Error ? error.message : String(error));
		}
		const facilitator = new ApiClient(base);
		await facilitator.signUp('Bench Évaluation');
		const { id: boardId } = await facilitator.createBoard('Replay bench');
		await server.stop();
		const started = performance.now();
		await storeWorkshop({ boardId, workshop, dataDir, databaseUrl });
		const storeMs = performance.now() - started;
		server = spawnCroisee({ context, port, dataDir, databaseUrl });
		await waitForHttp(`${base}/healthz`, server);
		const measured = await measure({ base, cookie: facilitator.cookie, boardId, spec });
		return {
			spec,
			workshop: {
				updates: workshop.updates.length,
				snapshots: workshop.snapshots.length,
				finalItems: workshop.finalItems,
				logBytes
			},
			storeMs,
			...measured,
			targetMs: REPLAY_TARGET_MS
		};
	} finally {
		await server.stop();
		await database?.drop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
