import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/lib/server/config.ts';
import { croiseeCluster } from './croisee-cluster.ts';
import { croisee, removeSnapshot, snapshotAndBuild } from './croisee-target.ts';
import { machineInfo, waitForQuiet } from './machine.ts';
import { USAGE, parseOptions, type BenchOptions } from './options.ts';
import { formatReport, type BenchResults, type TargetStatus } from './report.ts';
import { runReplayScenario } from './replay.ts';
import {
	fanoutSpec,
	runFanoutScenario,
	runJoinsScenario,
	type FanoutVariant
} from './scenarios.ts';
import { REPO_ROOT, killAll } from './server-process.ts';
import {
	LOADGEN_CORE,
	SERVER_CORE,
	TargetUnavailable,
	hocuspocus,
	yWebsocketServer,
	type StartContext,
	type Target
} from './targets.ts';

/**
 * `npm run bench`: Croisée, @y/websocket-server and Hocuspocus under the same loads, in the same
 * invocation. Each server runs in its own process on core 0, the load generator on core 1.
 * Prints a table on stdout (progress on stderr) and writes the results as JSON.
 */

const ALL_TARGETS: Target[] = [croisee, yWebsocketServer, hocuspocus];

function fail(message: string): never {
	console.error(`bench: ${message}`);
	process.exit(1);
}

function git(args: string[]): string {
	try {
		return execFileSync('git', args, { cwd: REPO_ROOT }).toString().trim();
	} catch {
		return '';
	}
}

function machine(options: BenchOptions): BenchResults['meta'] {
	const dirty = git(['status', '--porcelain']) ? '+dirty' : '';
	return {
		date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
		machine: machineInfo(),
		node: process.versions.node,
		commit: (git(['rev-parse', '--short', 'HEAD']) || 'unknown') + dirty,
		pinned: options.pin,
		database: options.postgres ? 'postgres' : 'pglite',
		client: 'lean protocol clients (tests/bench/loadgen/lean-client.ts)'
	};
}

/** Checks taskset and pins this orchestrator next to the load generator. */
function pinSelf(): void {
	if (spawnSync('taskset', ['-V']).status !== 0) {
		fail('taskset not found: apt-get install -y util-linux (or run with --no-pin)');
	}
	spawnSync('taskset', ['-cp', String(LOADGEN_CORE), String(process.pid)], { stdio: 'ignore' });
}

/** Runs one scenario of one target, turning failures into results instead of crashes. */
async function attempt<T>(
	status: TargetStatus,
	label: string,
	quietWaitS: number,
	run: () => Promise<T>
): Promise<T | { error: string } | undefined> {
	if (!status.available) return undefined;
	const busy = await waitForQuiet(quietWaitS * 1000);
	const started = Date.now();
	const noisy = busy >= 10 ? ` (machine ${busy}% busy before the start)` : '';
	console.error(`bench: ${label} on ${status.label}${noisy}…`);
	try {
		const row = await run();
		console.error(`bench:   done in ${Math.round((Date.now() - started) / 1000)} s`);
		return row;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof TargetUnavailable) {
			status.available = false;
			status.reason = message;
			console.error(`bench:   ${status.label} unavailable: ${message}`);
			return undefined;
		}
		console.error(`bench:   failed: ${message}`);
		return { error: message };
	}
}

/** A target with its availability, as the runs go. */
interface Entry {
	target: Target;
	status: TargetStatus;
}

/** Every target asked for; Croisée is unavailable when its snapshot cannot be built. */
function prepareTargets(options: BenchOptions): { entries: Entry[]; croiseeDir: string | null } {
	let croiseeDir: string | null = null;
	const entries = ALL_TARGETS.filter((t) => options.targets.includes(t.id)).map((target) => {
		const { id, label, version } = target;
		let reason: string | null = null;
		if (id === 'croisee') {
			const snapshot = snapshotAndBuild();
			if ('dir' in snapshot) croiseeDir = snapshot.dir;
			else reason = snapshot.error;
		}
		return { target, status: { id, label, version, available: !reason, reason } };
	});
	return { entries, croiseeDir };
}

/** Runs every scenario asked for, each server in turn, into `results`. */
async function runAll(
	entries: Entry[],
	options: BenchOptions,
	results: BenchResults,
	context: (target: Target, scenario: string) => StartContext
): Promise<void> {
	const variants: Array<{ variant: FanoutVariant; ns: number[]; entries: Entry[] }> = [];
	if (options.scenarios.includes('fanout'))
		variants.push({ variant: 'default', ns: options.n, entries });
	if (options.scenarios.includes('cursors')) {
		variants.push({ variant: 'cursors', ns: options.cursorsN, entries });
	}
	const cluster = entries.find((entry) => entry.target.id === 'croisee');
	if (options.scenarios.includes('cluster') && cluster) {
		const status = {
			...cluster.status,
			label: croiseeCluster.label,
			version: croiseeCluster.version
		};
		const clusterEntries = [{ target: croiseeCluster, status }];
		variants.push({ variant: 'cluster', ns: options.clusterN, entries: clusterEntries });
	}
	for (const { variant, ns, entries: runners } of variants) {
		for (const n of ns) {
			const run: BenchResults['fanout'][number] = {
				n,
				variant,
				spec: fanoutSpec(options, n, variant),
				targets: runners.map((entry) => entry.status),
				rows: {}
			};
			for (const { target, status } of runners) {
				const label = `fan-out n=${n}${variant === 'default' ? '' : ` (${variant})`}`;
				const row = await attempt(status, label, options.quietWaitS, () =>
					runFanoutScenario({
						target,
						context: context(target, `fanout-${variant}-${n}`),
						options,
						n,
						variant
					})
				);
				if (row) run.rows[target.id] = row;
			}
			results.fanout.push(run);
		}
	}
	if (options.scenarios.includes('joins')) {
		for (const { target, status } of entries) {
			const row = await attempt(status, 'memory and joins', options.quietWaitS, () =>
				runJoinsScenario(target, context(target, 'joins'), options)
			);
			if (row) results.joins[target.id] = row;
		}
	}
	const croiseeEntry = entries.find((entry) => entry.target.id === 'croisee');
	if (options.scenarios.includes('replay') && croiseeEntry) {
		const spec = {
			updates: options.replayUpdates,
			clients: options.replayClients,
			seed: options.replaySeed,
			seeks: options.replaySeeks,
			frames: options.replayFrames,
			snapshotEvery: loadConfig({}).snapshotEveryUpdates
		};
		const label = `replay (${spec.updates} updates, seed ${spec.seed})`;
		const row = await attempt(croiseeEntry.status, label, options.quietWaitS, () =>
			runReplayScenario(context(croiseeEntry.target, 'replay'), spec)
		);
		if (row) results.replay = row;
	}
}

/**
 * The durable log's throughput (`tests/bench/durable.ts`, also `npm run bench:durable`), in its own
 * process on the server's core: PGlite, and PostgreSQL when `DATABASE_URL` is set. The peers have
 * no durable log to compare with.
 */
function runDurable(options: BenchOptions): void {
	console.error('bench: durable log…');
	const node = [process.execPath, '--import', 'tsx', 'tests/bench/durable.ts'];
	const command = options.pin ? ['taskset', '-c', String(SERVER_CORE), ...node] : node;
	const run = spawnSync(command[0]!, command.slice(1), {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8'
	});
	const report = run.stdout.split('\n').filter((line) => !line.startsWith('{'));
	console.log(`\n${report.join('\n').trim()}`);
	if (run.status !== 0) console.error(`bench: durable log failed (exit ${run.status})`);
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	if (!options) {
		console.log(USAGE);
		return;
	}
	if (options.pin) pinSelf();
	const postgresUrl = options.postgres ? (process.env.DATABASE_URL ?? null) : null;
	if (options.postgres && !postgresUrl) fail('--postgres needs DATABASE_URL');
	const { entries, croiseeDir } = prepareTargets(options);
	if (croiseeDir) process.on('exit', () => removeSnapshot(croiseeDir as string));
	const logDir = mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-logs-'));
	const results: BenchResults = {
		meta: machine(options),
		options,
		targets: entries.map((e) => e.status),
		fanout: [],
		joins: {},
		replay: null
	};
	await runAll(entries, options, results, (target, scenario) => ({
		pin: options.pin,
		logFile: path.join(logDir, `${target.id}-${scenario}.log`),
		postgresUrl,
		logLevel: options.logLevel,
		maxBoardItems: Math.max(...options.joinItems),
		maxClients: Math.max(...options.n, ...options.cursorsN, ...options.clusterN, options.idle) + 1,
		croiseeDir
	}));
	const out = path.resolve(REPO_ROOT, options.out);
	mkdirSync(path.dirname(out), { recursive: true });
	writeFileSync(out, JSON.stringify(results, null, '\t') + '\n');
	console.log(formatReport(results));
	console.error(`bench: results in ${path.relative(REPO_ROOT, out)}, server logs in ${logDir}`);
	if (options.scenarios.includes('durable')) runDurable(options);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		killAll();
		process.exit(130);
	});
}
process.on('exit', killAll);

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(
			`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
		);
		killAll();
		process.exit(1);
	}
);
