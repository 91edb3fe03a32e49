import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * Preloaded (`node --import`) into every server under test, so the three are measured the same
 * way from inside: event-loop delay and utilisation, heap and RSS. The orchestrator asks over the
 * IPC channel; the channel does not keep the server alive, and losing it (the orchestrator died)
 * ends the server.
 */

/** A request from the orchestrator. */
export interface ProbeRequest {
	type: 'bench-probe';
	id: number;
	/** Start a new measurement interval after answering. */
	reset: boolean;
	/** Run a full garbage collection first (the servers start with `--expose-gc`). */
	gc?: boolean;
}

/** Figures since the last reset (event-loop delays are the excess over the sampling period). */
export interface ProbeReply {
	type: 'bench-probe-reply';
	id: number;
	eventLoopP50Ms: number;
	eventLoopP99Ms: number;
	eventLoopMaxMs: number;
	/** Event-loop utilisation, 0..1. */
	utilization: number;
	heapUsedBytes: number;
	rssBytes: number;
	/** User + system CPU of the process so far, µs (finer than `/proc` ticks, for short spans). */
	cpuUs: number;
}

/** Sampling period of the event-loop delay histogram; Node's values include it. */
export const EVENT_LOOP_RESOLUTION_MS = 10;

const histogram = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
histogram.enable();
let since = performance.eventLoopUtilization();

function isProbeRequest(message: unknown): message is ProbeRequest {
	return (
		typeof message === 'object' &&
		message !== null &&
		(message as { type?: unknown }).type === 'bench-probe'
	);
}

/** Excess delay in ms, from a histogram value in ns. */
const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - EVENT_LOOP_RESOLUTION_MS);

process.on('message', (message: unknown) => {
	if (!isProbeRequest(message)) return;
	if (message.gc) (globalThis as { gc?: () => void }).gc?.();
	const memory = process.memoryUsage();
	const cpu = process.cpuUsage();
	const reply: ProbeReply = {
		type: 'bench-probe-reply',
		id: message.id,
		eventLoopP50Ms: ms(histogram.percentile(50)),
		eventLoopP99Ms: ms(histogram.percentile(99)),
		eventLoopMaxMs: ms(histogram.max),
		utilization: Math.round(performance.eventLoopUtilization(since).utilization * 1000) / 1000,
		heapUsedBytes: memory.heapUsed,
		rssBytes: memory.rss,
		cpuUs: cpu.user + cpu.system
	};
	process.send?.(reply);
	if (message.reset) {
		histogram.reset();
		since = performance.eventLoopUtilization();
	}
});
process.on('disconnect', () => process.exit(0));
process.channel?.unref();
