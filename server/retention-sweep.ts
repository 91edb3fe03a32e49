import { purgeExpiredLogs } from '../src/lib/server/services/retention.ts';
import { log } from './log.ts';

/** A running retention sweep. */
export interface RetentionSweep {
	/** Stops the sweep and waits for a run in progress to end. */
	stop(): Promise<void>;
}

/**
 * Runs `purgeExpiredLogs` every `periodMs` milliseconds (`RETENTION_SWEEP_MINUTES`; 0: never)
 * for the lifetime of the server. A run never overlaps the previous one, and a failing run is
 * logged and retried at the next tick. Several instances may sweep: each board is purged under
 * an advisory lock.
 */
export function startRetentionSweep(input: { periodMs: number }): RetentionSweep {
	if (input.periodMs <= 0) return { stop: async () => {} };
	let running: Promise<void> | null = null;
	const sweep = () => {
		if (running) return;
		running = purgeExpiredLogs({ now: new Date() })
			.then((summary) => {
				if (summary.updates > 0) log.info(summary, 'retention sweep purged update logs');
			})
			.catch((error: unknown) => log.error({ err: error }, 'retention sweep failed'))
			.finally(() => (running = null));
	};
	const timer = setInterval(sweep, input.periodMs);
	timer.unref();
	return {
		async stop() {
			clearInterval(timer);
			await running;
		}
	};
}
