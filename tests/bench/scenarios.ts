import { performance } from 'node:perf_hooks';
import { Loadgen } from './loadgen-process.ts';
import { logStages, type LogStages } from './log-stages.ts';
import { CoreLoad } from './machine.ts';
import type { BenchOptions } from './options.ts';
import { cpuSeconds, rssBytes, type BenchProcess } from './server-process.ts';
import type { FanoutResult, FanoutSpec, JoinResult, JoinSpec } from './shared.ts';
import { SERVER_CORE, type RunningTarget, type StartContext, type Target } from './targets.ts';

/** How often the server's RSS is sampled for its peak. */
const RSS_SAMPLE_MS = 250;

/** Slack over a run's nominal duration before the load generator is considered stuck. */
const RUN_SLACK_MS = 180_000;

const MB = 1024 * 1024;

/** The server's side of a fan-out window. */
export interface ServerWindow {
	/** CPU over the window, % of one core. */
	cpuPct: number;
	/**
	 * Event-loop delay p99 inside the server over the window; null when the probe did not answer
	 * within its timeout (the loop was stalled for seconds).
	 */
	eventLoopP99Ms: number | null;
	rssEndMb: number;
	rssPeakMb: number;
	/**
	 * CPU used on the server's core by other processes over the window, % (busy − server), or
	 * null when unpinned. Above a few % the figures are disturbed.
	 */
	foreignPct: number | null;
}

/** One fan-out run of one server. */
export interface FanoutRow {
	client: FanoutResult;
	server: ServerWindow;
	/** Croisée only: where an edit's time went inside the server (null for the peers). */
	stages?: LogStages | null;
}

/** Join figures of one board size, with the server CPU they cost. */
export interface JoinBoardRow {
	items: number;
	result: JoinResult;
	/** Median join time, ms (lean client, then stock provider). */
	joinMedianMs: number;
	stockJoinMedianMs: number;
	/** Server CPU per join (mean over the repeats, from the probe's `process.cpuUsage()`), ms. */
	joinServerCpuMs: number;
	/** Server CPU of the whole burst, ms (null without a burst). */
	burstServerCpuMs: number | null;
}

/** Idle-connection memory and join figures of one server. */
export interface JoinsRow {
	idle: { clients: number; rssPerConnKb: number; heapPerConnKb: number; baselineRssMb: number };
	/** One row per board size; a board whose run failed keeps its error. */
	boards: Array<JoinBoardRow | { items: number; error: string }>;
}

/** Starts `target`, runs `body` with it and a fresh load generator, stops both. */
async function withServer<T>(
	target: Target,
	context: StartContext,
	options: BenchOptions,
	body: (server: RunningTarget, loadgen: Loadgen) => Promise<T>
): Promise<T> {
	const server = await target.start(context);
	const loadgen = Loadgen.start(options.pin);
	try {
		return await body(server, loadgen);
	} finally {
		await loadgen.stop();
		await server.stop();
	}
}

/** Samples a server's CPU, event loop and RSS between two marks (summed over its instances). */
class WindowSampler {
	private cpuStart = 0;
	private startedAt = 0;
	private peak = 0;
	private timer: NodeJS.Timeout | null = null;
	private readonly cores = new CoreLoad();
	result: ServerWindow | null = null;

	constructor(
		private readonly servers: BenchProcess[],
		private readonly pinned: boolean
	) {}

	private cpu(): number {
		return this.servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0);
	}

	private rss(): number {
		return this.servers.reduce((sum, server) => sum + rssBytes(server.pid), 0);
	}

	/** Opens the window; under saturation the probe's reset lands late, so it is not awaited. */
	async start(): Promise<void> {
		this.cpuStart = this.cpu();
		this.startedAt = performance.now();
		this.cores.start();
		this.peak = this.rss();
		this.timer = setInterval(() => {
			this.peak = Math.max(this.peak, this.rss());
		}, RSS_SAMPLE_MS);
		for (const server of this.servers) void server.probe(true);
	}

	/** Closes the window; a probe that does not answer means an event loop stalled for seconds. */
	async stop(): Promise<void> {
		const cpu = this.cpu() - this.cpuStart;
		const wallS = (performance.now() - this.startedAt) / 1000;
		const coreBusy = this.cores.busyPct()[SERVER_CORE] ?? 0;
		if (this.timer) clearInterval(this.timer);
		const rss = this.rss();
		const probes = await Promise.all(this.servers.map((server) => server.probe(false)));
		const cpuPct = Math.round((cpu / wallS) * 1000) / 10;
		const loops = probes.map((probe) => probe?.eventLoopP99Ms ?? null);
		this.result = {
			cpuPct,
			foreignPct: this.pinned ? Math.max(0, Math.round(coreBusy - cpuPct)) : null,
			eventLoopP99Ms: loops.includes(null) ? null : Math.max(...(loops as number[])),
			rssEndMb: Math.round(rss / MB),
			rssPeakMb: Math.round(Math.max(this.peak, rss) / MB)
		};
	}
}

/**
 * Variants of the fan-out load: `default`; `cursors`, where every client moves a cursor at
 * `awarenessHz`; `cluster`, the default load on Croisée's instances behind Redis.
 */
export type FanoutVariant = 'default' | 'cursors' | 'cluster';

/** The fan-out load of `n` clients for these options. */
export function fanoutSpec(
	options: BenchOptions,
	n: number,
	variant: FanoutVariant = 'default'
): Omit<FanoutSpec, 'endpoint'> {
	return {
		clients: n,
		writers: Math.max(1, Math.round(n * options.writerRatio)),
		editHz: options.editHz,
		cursors: variant === 'cursors' ? n : Math.round(n * options.cursorRatio),
		awarenessHz: options.awarenessHz,
		warmupMs: options.warmupS * 1000,
		durationMs: options.durationS * 1000,
		drainMs: options.drainS * 1000
	};
}

/** One fan-out run: a fresh server, N clients on one board. */
export function runFanoutScenario(input: {
	target: Target;
	context: StartContext;
	options: BenchOptions;
	n: number;
	variant: FanoutVariant;
}): Promise<FanoutRow> {
	const { options, n } = input;
	return withServer(input.target, input.context, options, async (server, loadgen) => {
		// n clients, and one more that counts the items at the end
		const endpoint = await server.newBoard(`fanout-${n}`, n + 1);
		const processes = [server.process, ...(server.others ?? [])];
		const sampler = new WindowSampler(processes, options.pin);
		const spec: FanoutSpec = { ...fanoutSpec(options, n, input.variant), endpoint };
		const nominalMs = spec.warmupMs + spec.durationMs + spec.drainMs;
		const client = await loadgen.run<FanoutResult>(
			{ cmd: 'fanout', spec },
			(name) => (name === 'start' ? sampler.start() : sampler.stop()),
			nominalMs + RUN_SLACK_MS
		);
		if (!sampler.result) throw new Error('the fan-out window was not sampled');
		const stages = server.metrics ? logStages(await server.metrics()) : null;
		return { client, server: sampler.result, stages };
	});
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Idle connections: memory per connection (RSS and heap, after a GC) on one board. */
async function measureIdle(
	server: RunningTarget,
	loadgen: Loadgen,
	clients: number
): Promise<JoinsRow['idle']> {
	const memory: Record<string, { rss: number; heap: number }> = {};
	const idle = await loadgen.run<{ connected: number }>(
		{
			cmd: 'idle',
			spec: { endpoint: await server.newBoard('idle', clients + 1), clients, settleMs: 3000 }
		},
		async (name) => {
			const probe = await server.process.probe(false, true);
			memory[name] = { rss: rssBytes(server.process.pid), heap: probe?.heapUsedBytes ?? 0 };
		},
		RUN_SLACK_MS
	);
	const base = memory.baseline ?? { rss: 0, heap: 0 };
	const loaded = memory.loaded ?? base;
	const perConnKb = (delta: number) => Math.round(delta / Math.max(1, idle.connected) / 102.4) / 10;
	return {
		clients: idle.connected,
		rssPerConnKb: perConnKb(loaded.rss - base.rss),
		heapPerConnKb: perConnKb(loaded.heap - base.heap),
		baselineRssMb: Math.round(base.rss / MB)
	};
}

/** Joins of a board of `items` notes, with the server CPU of the joins and of the burst. */
async function measureJoins(input: {
	server: RunningTarget;
	loadgen: Loadgen;
	options: BenchOptions;
	items: number;
	burstClients: number;
}): Promise<JoinBoardRow> {
	const { server, options, items } = input;
	const cpu = { join: 0, burst: 0, at: 0 };
	const spec: JoinSpec = {
		endpoint: await server.newBoard(`join-${items}`, input.burstClients + 3),
		items,
		itemsPerChunk: 100,
		repeats: options.joinRepeats,
		burstClients: input.burstClients,
		timeoutMs: 60_000
	};
	const result = await input.loadgen.run<JoinResult>(
		{ cmd: 'joins', spec },
		async (name) => {
			const now = ((await server.process.probe(false))?.cpuUs ?? 0) / 1000;
			if (name.endsWith('-start')) cpu.at = now;
			else cpu[name === 'join-end' ? 'join' : 'burst'] += now - cpu.at;
		},
		RUN_SLACK_MS
	);
	return {
		items,
		result,
		joinMedianMs: median(result.joinMs),
		stockJoinMedianMs: median(result.stockJoinMs),
		joinServerCpuMs: Math.round(cpu.join / Math.max(1, result.joinMs.length)),
		burstServerCpuMs: result.burst ? Math.round(cpu.burst) : null
	};
}

/** Idle memory per connection, then join times on boards of each size, on one fresh server. */
export function runJoinsScenario(
	target: Target,
	context: StartContext,
	options: BenchOptions
): Promise<JoinsRow> {
	return withServer(target, context, options, async (server, loadgen) => {
		const idle = await measureIdle(server, loadgen, options.idle);
		const boards: JoinsRow['boards'] = [];
		for (const [i, items] of options.joinItems.entries()) {
			const burstClients = i === 0 ? options.burst : 0;
			try {
				boards.push(await measureJoins({ server, loadgen, options, items, burstClients }));
			} catch (error) {
				boards.push({ items, error: error instanceof Error ? error.message : String(error) });
			}
		}
		return { idle, boards };
	});
}
