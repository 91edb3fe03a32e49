/**
 * Where an edit's time goes inside Croisée, from its Prometheus histograms: how long the first
 * update of a batch waited before its commit started, the commit, and the hand-over to receivers
 * (merge, encode, send, publish), with the updates per commit. Means over a whole run (warm-up and
 * drain included), summed over the instances.
 */
export interface LogStages {
	waitMs: number;
	commitMs: number;
	deliverMs: number;
	updatesPerCommit: number;
	commits: number;
}

/** `<name>_sum` and `<name>_count` of a histogram without labels, from Prometheus text. */
function sumAndCount(text: string, name: string): { sum: number; count: number } {
	const read = (suffix: string) => {
		const line = text.split('\n').find((l) => l.startsWith(`${name}_${suffix} `));
		return line ? Number(line.split(' ')[1]) : 0;
	};
	return { sum: read('sum'), count: read('count') };
}

/** The stages of the durable log over the metrics of every instance; null when none answered. */
export function logStages(metrics: Array<string | null>): LogStages | null {
	const texts = metrics.filter((text): text is string => text !== null);
	if (texts.length === 0) return null;
	const total = (name: string) =>
		texts
			.map((text) => sumAndCount(text, name))
			.reduce((a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }), { sum: 0, count: 0 });
	const mean = (name: string, scale: number) => {
		const { sum, count } = total(name);
		return count > 0 ? Math.round((sum / count) * scale * 100) / 100 : 0;
	};
	return {
		waitMs: mean('croisee_log_wait_seconds', 1000),
		commitMs: mean('croisee_log_commit_seconds', 1000),
		deliverMs: mean('croisee_log_deliver_seconds', 1000),
		updatesPerCommit: mean('croisee_log_batch_updates', 1),
		commits: total('croisee_log_commit_seconds').count
	};
}
