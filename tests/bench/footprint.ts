import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { build, SERVER_BUNDLE } from '../../scripts/build.js';
import { CoreLoad, machineInfo, waitForQuiet } from './machine.ts';
import { BenchProcess, REPO_ROOT, killAll, rssBytes } from './server-process.ts';
import { SERVER_CORE, freePort } from './targets.ts';

/**
 * `npm run bench:footprint`: how long the production server takes to answer `/healthz` and how
 * much memory it holds once idle, started as `npm start` starts it (`node build/croisee-server.js`)
 * on a fresh embedded data dir, on an existing one, and on PostgreSQL. Prints each against the
 * targets of DESIGN.md and writes `tests/bench/results/footprint.json`.
 */

const HELP = `npm run bench:footprint [-- options]
  --runs <n>           starts per case (default 5)
  --idle-seconds <s>   wait after healthy before reading the idle RSS (default 5)
  --no-pin             do not pin the server to core ${SERVER_CORE}`;

/** The targets (DESIGN.md and issue 17), in ms and MB. */
const TARGETS = {
	'embedded, fresh data dir': { startMs: 3000, idleMb: 250 },
	'embedded, existing data dir': { startMs: 1500, idleMb: 250 },
	PostgreSQL: { startMs: 1000, idleMb: 150 }
} as const;

type CaseName = keyof typeof TARGETS;

/** PostgreSQL used when `DATABASE_URL` is unset (the one `.ci/run` uses). */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Poll period of `/healthz` while a server starts, ms. */
const POLL_MS = 10;

/** Longest wait for a quiet machine before each start, ms. */
const QUIET_WAIT_MS = 10_000;

/** Longest wait for `/healthz` to answer 200, ms. */
const HEALTHY_TIMEOUT_MS = 60_000;

interface Sample {
	startMs: number;
	rssAtHealthyMb: number;
	idleRssMb: number;
	/** Busy % of the machine (mean of its cores, the server included) while the server started. */
	machineBusyPct: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Starts the built server with `env`, measures it, stops it. */
async function measureOnce(
	env: Record<string, string>,
	idleSeconds: number,
	pin: boolean
): Promise<Sample> {
	await waitForQuiet(QUIET_WAIT_MS);
	const port = await freePort();
	const load = new CoreLoad();
	const started = performance.now();
	const server = BenchProcess.start({
		name: 'croisee',
		core: pin ? SERVER_CORE : null,
		args: [path.join('build', SERVER_BUNDLE)],
		env: {
			...env,
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'warn',
			NODE_ENV: 'production'
		},
		logFile: null
	});
	try {
		const deadline = started + HEALTHY_TIMEOUT_MS;
		for (;;) {
			if (server.child.exitCode !== null) {
				throw new Error(`the server exited: ${server.lastOutput()}`);
			}
			const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
				(response) => response.status,
				() => 0
			);
			if (status === 200) break;
			if (performance.now() > deadline) throw new Error('no healthy answer within 60 s');
			await sleep(POLL_MS);
		}
		const startMs = Math.round(performance.now() - started);
		const perCore = load.busyPct();
		const machineBusyPct = Math.round(perCore.reduce((a, b) => a + b, 0) / perCore.length);
		const rssAtHealthyMb = mb(rssBytes(server.pid));
		await sleep(idleSeconds * 1000);
		return { startMs, rssAtHealthyMb, idleRssMb: mb(rssBytes(server.pid)), machineBusyPct };
	} finally {
		await server.stop();
	}
}

/** A fresh PostgreSQL database, or null when none answers. */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
	const adminUrl = process.env.DATABASE_URL || LOCAL_POSTGRES;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 2 });
	const name = `croisee_footprint_${process.pid}`;
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		console.error(`footprint: PostgreSQL skipped (${adminUrl}): ${String(error)}`);
		await admin.end();
		return null;
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function report(name: CaseName, samples: Sample[]): Record<string, unknown> {
	const target = TARGETS[name];
	const startMs = median(samples.map((s) => s.startMs));
	const idleMb = median(samples.map((s) => s.idleRssMb));
	const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');
	console.log(
		`${name.padEnd(28)} start→healthy ${String(startMs).padStart(6)} ms (target ≤ ${target.startMs}, ${mark(startMs <= target.startMs)})` +
			`   idle RSS ${String(idleMb).padStart(4)} MB (target ≤ ${target.idleMb}, ${mark(idleMb <= target.idleMb)})` +
			`   runs: ${samples.map((s) => `${s.startMs} ms/${s.idleRssMb} MB`).join(', ')}` +
			`   machine busy ≤ ${Math.max(...samples.map((s) => s.machineBusyPct))} % while starting`
	);
	return { name, target, medianStartMs: startMs, medianIdleRssMb: idleMb, samples };
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			runs: { type: 'string', default: '5' },
			'idle-seconds': { type: 'string', default: '5' },
			'no-pin': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) return console.log(HELP);
	const runs = Number(values.runs);
	const idleSeconds = Number(values['idle-seconds']);
	const pin = !values['no-pin'];
	console.error(
		`footprint: ${(await build({ ifStale: true })) === 'built' ? 'built' : 'build current'}`
	);
	// The embedded cases run on PGlite alone even when DATABASE_URL and REDIS_URL are exported (as
	// .ci/run and the cluster rows do): the server inherits this process's environment.
	const base = { SECRET: 'footprint-bench-secret', DATABASE_URL: '', REDIS_URL: '' };
	const results: Record<string, unknown>[] = [];
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'croisee-footprint-'));
	// The cases take turns, start after start: the machine's slower minutes (start times move by a
	// third) then fall on all of them alike rather than on whichever case ran then.
	const database = await freshPostgres();
	try {
		const existingDir = path.join(scratch, 'existing');
		await measureOnce({ ...base, DATA_DIR: existingDir }, 0, pin); // creates it
		const pgEnv = database
			? { ...base, DATA_DIR: path.join(scratch, 'pg'), DATABASE_URL: database.url }
			: null;
		if (pgEnv) await measureOnce(pgEnv, 0, pin); // migrates it
		const fresh: Sample[] = [];
		const existing: Sample[] = [];
		const onPostgres: Sample[] = [];
		for (let i = 0; i < runs; i++) {
			const freshDir = path.join(scratch, `fresh-${i}`);
			fresh.push(await measureOnce({ ...base, DATA_DIR: freshDir }, idleSeconds, pin));
			rmSync(freshDir, { recursive: true, force: true });
			existing.push(await measureOnce({ ...base, DATA_DIR: existingDir }, idleSeconds, pin));
			if (pgEnv) onPostgres.push(await measureOnce(pgEnv, idleSeconds, pin));
		}
		results.push(report('embedded, fresh data dir', fresh));
		results.push(report('embedded, existing data dir', existing));
		if (pgEnv) results.push(report('PostgreSQL', onPostgres));
	} finally {
		await database?.drop();
		rmSync(scratch, { recursive: true, force: true });
	}
	const out = path.join(REPO_ROOT, 'tests/bench/results/footprint.json');
	mkdirSync(path.dirname(out), { recursive: true });
	const when = new Date().toISOString();
	writeFileSync(out, JSON.stringify({ when, machine: machineInfo(), runs, results }, null, 2));
	console.error(`footprint: written to ${path.relative(REPO_ROOT, out)}`);
}

process.once('SIGINT', () => {
	killAll();
	process.exit(130);
});
main().catch((error: unknown) => {
	killAll();
	console.error(`footprint: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
