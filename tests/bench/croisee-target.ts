import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import postgres from 'postgres';
import { SERVER_BUNDLE } from '../../scripts/build.js';
import { ApiClient } from '../helpers/http-client.ts';
import { BenchProcess, PROBE_PATH, REPO_ROOT } from './server-process.ts';
import type { Endpoint } from './shared.ts';
import {
	BENCH_CATEGORIES,
	SERVER_CORE,
	TargetUnavailable,
	freePort,
	serverNodeArgs,
	waitForHttp,
	type RunningTarget,
	type StartContext,
	type Target
} from './targets.ts';

/** Fewest guest identities per board; each is shared by several clients through its ticket. */
const MIN_GUESTS = 12;

/**
 * Clients per guest at most: Croisée refuses more than `MAX_CONNECTIONS_PER_PERSON` (default 10)
 * connections of one person to one board, so large runs get more guests, not a raised limit.
 */
const CLIENTS_PER_GUEST = 8;

/** Guests joining at the same time while a board is set up. */
const JOIN_CONCURRENCY = 8;

/** Longest build (`scripts/build.js`). */
const BUILD_TIMEOUT_MS = 5 * 60_000;

/** Top-level paths not copied into the snapshot (dependencies are linked, outputs rebuilt). */
const NOT_COPIED = new Set([
	'.git',
	'node_modules',
	'build',
	'.svelte-kit',
	'data',
	'test-results',
	'playwright-report'
]);

/** `METRICS_TOKEN` of the bench's Croisée servers (loopback only). */
const BENCH_METRICS_TOKEN = 'croisee-bench-metrics';

/** Where {@link snapshotAndBuild} compiles the probe for Croisée, inside the snapshot. */
const COMPILED_PROBE = 'bench-probe.js';

/**
 * Copies the working tree (without dependencies and outputs) into a temporary folder, links its
 * `node_modules`, and builds it there as `npm start` does (`scripts/build.js`: the app, the server
 * compiled to `build/croisee-server.js`). Croisée then runs from that snapshot, so edits and
 * builds made in the working tree during the bench cannot disturb it, and the figures belong to
 * one version of the code. The probe is compiled into the snapshot too, so Croisée runs as in
 * production, without a TypeScript loader (its memory figures would include ~95 MB of it).
 * Returns the snapshot folder, or an error message.
 */
export function snapshotAndBuild(): { dir: string } | { error: string } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-tree-'));
	cpSync(REPO_ROOT, dir, {
		recursive: true,
		filter: (source) => {
			const relative = path.relative(REPO_ROOT, source);
			const top = relative.split(path.sep)[0] ?? '';
			return (
				!NOT_COPIED.has(top) &&
				!top.startsWith('.build') &&
				!relative.startsWith('tests/bench/results')
			);
		}
	});
	symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	console.error(`bench: building a snapshot of the working tree in ${dir}…`);
	const built = spawnSync(process.execPath, [path.join(dir, 'scripts/build.js')], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: BUILD_TIMEOUT_MS
	});
	if (built.status === 0 && existsSync(path.join(dir, 'build', SERVER_BUNDLE))) {
		esbuild.buildSync({
			entryPoints: [PROBE_PATH],
			outfile: path.join(dir, COMPILED_PROBE),
			platform: 'node',
			format: 'esm',
			logLevel: 'warning'
		});
		return { dir };
	}
	console.error(built.stderr?.toString().slice(-4000) ?? '');
	rmSync(dir, { recursive: true, force: true });
	return { error: `the build of the working tree failed (status ${built.status})` };
}

/** Removes a snapshot made by {@link snapshotAndBuild}. */
export function removeSnapshot(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** A fresh database on the PostgreSQL server at `adminUrl`, dropped by `drop()`. */
export async function createDatabase(
	adminUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `croisee_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`).finally(() => again.end());
		}
	};
}

/** Joins one guest through `joinUrl` and returns a websocket ticket URL for board `id`. */
async function guestTicketUrl(input: {
	base: string;
	port: number;
	joinUrl: string;
	id: string;
	guest: number;
	category: string;
}): Promise<string> {
	const guest = new ApiClient(input.base);
	await guest.join(input.joinUrl, `Invité ${input.guest + 1}`, input.category);
	const { status, body } = await guest.request<{ ticket: string }>(
		'POST',
		`/api/boards/${input.id}/ticket`
	);
	if (status !== 200) throw new Error(`ticket refused with ${status}`);
	return `ws://127.0.0.1:${input.port}/yjs/${input.id}?ticket=${encodeURIComponent(body.ticket)}`;
}

/** Creates a board as `facilitator` and enough ticket-bearing guests for `clients` clients. */
export async function createBoard(input: {
	base: string;
	port: number;
	facilitator: ApiClient;
	title: string;
	clients: number;
}): Promise<Endpoint> {
	const { id, joinUrl } = await input.facilitator.createBoard(input.title);
	const guests = Math.max(MIN_GUESTS, Math.ceil(input.clients / CLIENTS_PER_GUEST));
	const categories = Array.from(
		{ length: guests },
		(_, g) => BENCH_CATEGORIES[g % BENCH_CATEGORIES.length] as string
	);
	const urls: string[] = new Array<string>(guests);
	let next = 0;
	const worker = async () => {
		while (next < guests) {
			const guest = next++;
			const category = categories[guest] as string;
			urls[guest] = await guestTicketUrl({ ...input, joinUrl, id, guest, category });
		}
	};
	await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, worker));
	return { protocol: 'y-websocket', docName: id, urls, categories, origin: input.base };
}

/**
 * Starts the built snapshot's compiled server (`build/croisee-server.js`) on `port` (pinned to the server core when asked),
 * over PGlite in `dataDir` or the PostgreSQL database `databaseUrl`; `env` adds or overrides
 * variables (`REDIS_URL`, a shared `ORIGIN` for several instances).
 */
export function spawnCroisee(input: {
	context: StartContext;
	port: number;
	dataDir: string;
	databaseUrl: string | null;
	env?: NodeJS.ProcessEnv;
	logFile?: string;
}): BenchProcess {
	const { context, port } = input;
	if (!context.croiseeDir) throw new TargetUnavailable('no built snapshot of the working tree');
	return BenchProcess.start({
		name: 'croisee',
		core: context.pin ? SERVER_CORE : null,
		args: serverNodeArgs(
			path.join('build', SERVER_BUNDLE),
			pathToFileURL(path.join(context.croiseeDir, COMPILED_PROBE)).href
		),
		cwd: context.croiseeDir,
		env: {
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			DATA_DIR: input.dataDir,
			DATABASE_URL: input.databaseUrl ?? '',
			// One instance alone unless `env` says otherwise: a REDIS_URL exported for the cluster
			// rows (or by .ci/run) would otherwise put Redis in every single-server row.
			REDIS_URL: '',
			SECRET: 'croisee-bench-secret-not-for-production',
			TICKET_TTL_SECONDS: '3600',
			MAX_OBJECTS_PER_BOARD: String(Math.max(5000, context.maxBoardItems + 1000)),
			// The 1,000-connection cap of a workshop would refuse the check that follows an N=1,000
			// run (its client is the 1,001st): the bench measures fan-out, not the cap.
			MAX_CONNECTIONS_PER_WORKSHOP: String(Math.max(1000, context.maxClients)),
			LOG_LEVEL: context.logLevel,
			METRICS_TOKEN: BENCH_METRICS_TOKEN,
			...input.env
		},
		logFile: input.logFile ?? context.logFile
	});
}

/**
 * The server's Prometheus metrics (text format), or null when it does not answer within 5 s (a
 * saturated server).
 */
export async function fetchMetrics(base: string): Promise<string | null> {
	try {
		const response = await fetch(`${base}/metrics`, {
			headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
			signal: AbortSignal.timeout(5000)
		});
		return response.ok ? await response.text() : null;
	} catch {
		return null;
	}
}

async function startCroisee(context: StartContext): Promise<RunningTarget> {
	if (!context.croiseeDir) throw new TargetUnavailable('no built snapshot of the working tree');
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-data-'));
	const database = context.postgresUrl ? await createDatabase(context.postgresUrl) : null;
	const server = spawnCroisee({ context, port, dataDir, databaseUrl: database?.url ?? null });
	const stop = async () => {
		await server.stop();
		await database?.drop();
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		const base = `http://127.0.0.1:${port}`;
		await waitForHttp(`${base}/healthz`, server);
		const facilitator = new ApiClient(base);
		await facilitator.signUp('Bench Animatrice');
		return {
			process: server,
			newBoard: (title, clients) => createBoard({ base, port, facilitator, title, clients }),
			metrics: async () => [await fetchMetrics(base)],
			stop
		};
	} catch (error) {
		await stop();
		if (error instanceof TargetUnavailable) throw error;
		throw new TargetUnavailable(error instanceof Error ? error.message : String(error));
	}
}

/**
 * Croisée: the real server (`server/index.ts` over the production build, both from the snapshot
 * made by {@link snapshotAndBuild}), set up through its JSON API.
 */
export const croisee: Target = {
	id: 'croisee',
	label: 'croisée',
	version: 'working tree',
	start: startCroisee
};
