import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProbeReply, ProbeRequest } from './event-loop-probe.ts';

/** Repository root (the servers run from there). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The preload measuring a server from inside. */
export const PROBE_PATH = fileURLToPath(new URL('./event-loop-probe.ts', import.meta.url));

/** Longest wait for a graceful exit before SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;

/** Longest wait for a probe answer, ms. */
export const PROBE_TIMEOUT_MS = 5_000;

const CLOCK_TICKS_PER_SECOND =
	Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** Every process started by the bench, killed on exit whatever happens. */
const running = new Set<ChildProcess>();

/** Kills every process still running (used by signal and exit handlers). */
export function killAll(): void {
	for (const child of running) child.kill('SIGKILL');
	running.clear();
}

/** User + system CPU time of `pid` so far, in seconds (from `/proc/<pid>/stat`). */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14 and 15 of stat(5) (utime, stime) are at 11 and 12 once pid and comm are removed.
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size of `pid`, in bytes (VmRSS of `/proc/<pid>/status`). */
export function rssBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
	return match ? Number(match[1]) * 1024 : 0;
}

/** How to start one pinned Node process. */
export interface StartOptions {
	name: string;
	/** CPU core to pin to (`taskset -c`), or null to leave it unpinned. */
	core: number | null;
	/** Arguments after `node`. */
	args: string[];
	env?: NodeJS.ProcessEnv;
	/** File receiving stdout and stderr; null inherits the bench's stderr. */
	logFile: string | null;
	/** Working directory (default: the repository). */
	cwd?: string;
}

/** A Node process started by the bench, with an IPC channel. */
export class BenchProcess {
	/** Last lines written to stderr/stdout, for error messages. */
	private tail: string[] = [];
	private probeId = 1;
	readonly exited: Promise<number | null>;

	private constructor(
		readonly name: string,
		readonly child: ChildProcess
	) {
		running.add(child);
		this.exited = new Promise((resolve) => {
			child.once('exit', (code) => {
				running.delete(child);
				resolve(code);
			});
		});
	}

	/** Starts `node <args>` (through `taskset -c <core>` when pinned; the PID stays node's). */
	static start(options: StartOptions): BenchProcess {
		const nodeArgs = [...options.args];
		const [command, args] =
			options.core === null
				? [process.execPath, nodeArgs]
				: ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgs]];
		const child = spawn(command, args, {
			cwd: options.cwd ?? REPO_ROOT,
			env: { ...process.env, ...options.env },
			stdio: ['ignore', 'pipe', 'pipe', 'ipc']
		});
		const bench = new BenchProcess(options.name, child);
		const log = options.logFile ? createWriteStream(options.logFile) : process.stderr;
		for (const stream of [child.stdout, child.stderr]) {
			stream?.on('data', (chunk: Buffer) => {
				bench.tail = [...bench.tail, ...chunk.toString().split('\n').filter(Boolean)].slice(-8);
				log.write(chunk);
			});
		}
		return bench;
	}

	/** Process id (node's own, also when started through taskset). */
	get pid(): number {
		return this.child.pid ?? -1;
	}

	/** The last lines the process printed. */
	lastOutput(): string {
		return this.tail.join(' | ');
	}

	/** Asks the preloaded probe for its figures; `reset` starts a new interval, `gc` collects first. */
	probe(reset: boolean, gc = false): Promise<ProbeReply | null> {
		const id = this.probeId++;
		return new Promise((resolve) => {
			const timer = setTimeout(() => done(null), PROBE_TIMEOUT_MS);
			const onMessage = (message: unknown) => {
				const reply = message as ProbeReply;
				if (reply?.type === 'bench-probe-reply' && reply.id === id) done(reply);
			};
			const done = (reply: ProbeReply | null) => {
				clearTimeout(timer);
				this.child.off('message', onMessage);
				resolve(reply);
			};
			this.child.on('message', onMessage);
			if (!this.child.connected) done(null);
			else this.child.send({ type: 'bench-probe', id, reset, gc } satisfies ProbeRequest);
		});
	}

	/** SIGTERM, then SIGKILL after a bounded wait. */
	async stop(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await this.exited;
		clearTimeout(timer);
	}
}
