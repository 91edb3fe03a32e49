import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BenchProcess, PROBE_PATH, REPO_ROOT } from './server-process.ts';
import type { Endpoint } from './shared.ts';

/** The servers compared. */
export type TargetId = 'croisee' | 'y-websocket-server' | 'hocuspocus';

/** Participant categories of the identities, mixed as in a workshop. */
export const BENCH_CATEGORIES = ['usager', 'agent', 'elu'] as const;

/** Core the servers run on; the load generator gets {@link LOADGEN_CORE}. */
export const SERVER_CORE = 0;

/** Core of the load generator and the orchestrator. */
export const LOADGEN_CORE = 1;

/** Longest wait for a server to answer HTTP after it was started. */
const READY_TIMEOUT_MS = 60_000;

/** What a target needs to start. */
export interface StartContext {
	/** Pin processes to cores with `taskset`. */
	pin: boolean;
	/** File receiving the server's output. */
	logFile: string;
	/** Croisée only: PostgreSQL server URL (a fresh database is made on it), or null for PGlite. */
	postgresUrl: string | null;
	/** Croisée only: its `LOG_LEVEL`. */
	logLevel: string;
	/** Largest board the run builds, in items (Croisée caps boards at 5,000 by default). */
	maxBoardItems: number;
	/**
	 * Most clients the run connects to one server at once, the final check's own included
	 * (Croisée caps a workshop at 1,000 connections by default).
	 */
	maxClients: number;
	/** Croisée only: the built snapshot of the working tree it runs from. */
	croiseeDir: string | null;
}

/** A started server. */
export interface RunningTarget {
	process: BenchProcess;
	/** Further instances serving the same boards (CPU and RSS are summed with `process`'s). */
	others?: BenchProcess[];
	/** A new, empty board (document) and how up to `clients` simultaneous clients reach it. */
	newBoard(name: string, clients: number): Promise<Endpoint>;
	/** Croisée only: the Prometheus metrics of each of its processes (null when one is mute). */
	metrics?(): Promise<Array<string | null>>;
	/** Stops the server and removes what it created. */
	stop(): Promise<void>;
}

/** A server under test. */
export interface Target {
	id: TargetId;
	label: string;
	version: string;
	start(context: StartContext): Promise<RunningTarget>;
}

/** The target cannot run here (missing build, pending layer, …): reported, not thrown further. */
export class TargetUnavailable extends Error {
	override name = 'TargetUnavailable';
}

/** A free loopback TCP port. */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** Waits until `url` answers 200, failing early if the process exits. */
export async function waitForHttp(url: string, server: BenchProcess): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	let exited = false;
	void server.exited.then(() => (exited = true));
	while (Date.now() < deadline) {
		if (exited) throw new TargetUnavailable(`exited at start-up: ${server.lastOutput()}`);
		try {
			const response = await fetch(url);
			await response.arrayBuffer();
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new TargetUnavailable(`no answer from ${url} within ${READY_TIMEOUT_MS} ms`);
}

/**
 * Node arguments common to the three servers: the probe, `gc()` for memory figures, and tsx
 * unless `compiledProbe` (a JavaScript build of the probe) is given for a server in JavaScript.
 */
export function serverNodeArgs(entry: string, compiledProbe?: string): string[] {
	// BENCH_CPU_PROF_DIR=<dir>: every server writes a V8 CPU profile there when it stops, sampled
	// every BENCH_CPU_PROF_INTERVAL_US microseconds (V8's default 1,000 hides stalls of a few ms).
	const profileDir = process.env.BENCH_CPU_PROF_DIR;
	const interval = process.env.BENCH_CPU_PROF_INTERVAL_US;
	const profile = profileDir
		? [
				'--cpu-prof',
				`--cpu-prof-dir=${path.resolve(profileDir)}`,
				...(interval ? [`--cpu-prof-interval=${Number(interval)}`] : [])
			]
		: [];
	const imports = compiledProbe
		? ['--import', compiledProbe]
		: ['--import', 'tsx', '--import', PROBE_PATH];
	return [...profile, '--expose-gc', ...imports, entry];
}

/** Installed folder of a package (not every package exports its `package.json`). */
function packageDir(name: string): string {
	return path.join(REPO_ROOT, 'node_modules', name);
}

function packageVersion(name: string): string {
	const file = path.join(packageDir(name), 'package.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Starts a peer server in its own pinned process and waits until it answers. */
async function startPeer(input: {
	context: StartContext;
	name: TargetId;
	entry: string;
	protocol: Endpoint['protocol'];
	env?: NodeJS.ProcessEnv;
}): Promise<RunningTarget> {
	const port = await freePort();
	const server = BenchProcess.start({
		name: input.name,
		core: input.context.pin ? SERVER_CORE : null,
		args: serverNodeArgs(input.entry),
		env: { ...input.env, HOST: '127.0.0.1', PORT: String(port) },
		logFile: input.context.logFile
	});
	try {
		await waitForHttp(`http://127.0.0.1:${port}/`, server);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return {
		process: server,
		newBoard: async (name) => ({
			protocol: input.protocol,
			docName: name,
			urls: [`ws://127.0.0.1:${port}/${name}`],
			categories: [...BENCH_CATEGORIES],
			origin: `http://127.0.0.1:${port}`
		}),
		stop: () => server.stop()
	};
}

/** `@y/websocket-server`: its own `bin` (`src/server.js`), documents in memory. */
export const yWebsocketServer: Target = {
	id: 'y-websocket-server',
	label: 'y-ws-server',
	version: packageVersion('@y/websocket-server'),
	start: (context) =>
		startPeer({
			context,
			name: 'y-websocket-server',
			entry: path.join(packageDir('@y/websocket-server'), 'src/server.js'),
			protocol: 'y-websocket'
		})
};

/** `@hocuspocus/server` with no extension (documents in memory), through `hocuspocus-server.ts`. */
export const hocuspocus: Target = {
	id: 'hocuspocus',
	label: 'hocuspocus',
	version: packageVersion('@hocuspocus/server'),
	start: (context) =>
		startPeer({
			context,
			name: 'hocuspocus',
			entry: 'tests/bench/hocuspocus-server.ts',
			protocol: 'hocuspocus'
		})
};
