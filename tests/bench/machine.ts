import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * The machine the bench runs on, and how busy its cores are. On a shared machine other processes
 * (a test suite, a build) steal CPU from the pinned server and inflate its latencies while its own
 * CPU figure stays low; the bench waits for a quiet machine and reports the foreign load.
 */

/**
 * Busy and total jiffies of each core since boot (`/proc/stat`). Busy counts user, nice, system
 * and steal time, not interrupts: the loopback traffic of the bench itself is handled in softirq
 * on whichever core, and must not count as another process' load.
 */
function coreTimes(): Array<{ busy: number; total: number }> {
	const lines = readFileSync('/proc/stat', 'utf8').split('\n');
	return lines
		.filter((line) => /^cpu\d+ /.test(line))
		.map((line) => {
			// user nice system idle iowait irq softirq steal (guest time is already in user)
			const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
			const total = f.reduce((sum, value) => sum + value, 0);
			const at = (i: number) => f[i] ?? 0;
			return { busy: at(0) + at(1) + at(2) + at(7), total };
		});
}

/** Measures how busy each core was between `start()` and `busyPct()`. */
export class CoreLoad {
	private startTimes = coreTimes();

	/** Restarts the measurement now. */
	start(): void {
		this.startTimes = coreTimes();
	}

	/** Busy percentage of each core since `start()`. */
	busyPct(): number[] {
		return coreTimes().map((now, i) => {
			const then = this.startTimes[i] ?? { busy: 0, total: 0 };
			const total = now.total - then.total;
			return total > 0 ? Math.round(((now.busy - then.busy) / total) * 1000) / 10 : 0;
		});
	}
}

/** CPU busy percentage (all cores together) below which the machine counts as quiet. */
const QUIET_BELOW_PCT = 10;

/**
 * Waits, at most `maxWaitMs`, until the machine has been quiet for one second. Returns the busy
 * percentage of the last second (above the threshold when it gave up waiting).
 */
export async function waitForQuiet(maxWaitMs: number): Promise<number> {
	const deadline = Date.now() + maxWaitMs;
	for (;;) {
		const load = new CoreLoad();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const perCore = load.busyPct();
		const busy = perCore.reduce((sum, value) => sum + value, 0) / Math.max(1, perCore.length);
		if (busy < QUIET_BELOW_PCT || Date.now() >= deadline) return Math.round(busy);
	}
}

/** Model, cores, memory and OS of this machine. */
export function machineInfo(): { cpu: string; cores: number; memoryGb: number; os: string } {
	return {
		cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()}`
	};
}
