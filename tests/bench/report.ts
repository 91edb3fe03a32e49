import type { BenchOptions } from './options.ts';
import type { ReplayRow } from './replay.ts';
import type { FanoutRow, FanoutVariant, JoinsRow } from './scenarios.ts';
import { PROBE_TIMEOUT_MS } from './server-process.ts';
import type { DeliveryResult, FanoutSpec } from './shared.ts';
import type { TargetId } from './targets.ts';

/** Whether a server could be run, and why not. */
export interface TargetStatus {
	id: TargetId;
	label: string;
	version: string;
	available: boolean;
	reason: string | null;
}

/** A run that failed for a server that otherwise runs. */
export interface RunError {
	error: string;
}

/** Everything one `npm run bench` measured (written as JSON). */
export interface BenchResults {
	meta: {
		date: string;
		machine: { cpu: string; cores: number; memoryGb: number; os: string };
		node: string;
		commit: string;
		pinned: boolean;
		database: 'pglite' | 'postgres';
		client: string;
	};
	options: BenchOptions;
	targets: TargetStatus[];
	fanout: Array<{
		n: number;
		/** Which load (default, cursors on, two instances); absent in results of older runs. */
		variant?: FanoutVariant;
		/** The servers of this run (the cluster runs only Croisée); absent: `targets`. */
		targets?: TargetStatus[];
		spec: Omit<FanoutSpec, 'endpoint'>;
		rows: Partial<Record<TargetId, FanoutRow | RunError>>;
	}>;
	joins: Partial<Record<TargetId, JoinsRow | RunError>>;
	/** Croisée's replay scenario (the peers keep no history), or null when not run. */
	replay: ReplayRow | RunError | null;
}

/** Load generator CPU above which its own queueing inflates latencies. */
const LOADGEN_SATURATED_PCT = 90;

/** CPU taken by other processes on the server's core above which a run is flagged. */
const FOREIGN_LOAD_PCT = 5;

type Value = number | string | null;

interface Metric<Row> {
	label: string;
	value: (row: Row) => Value;
	/** Ratios make no sense for this line. */
	noRatio?: boolean;
}

function format(value: Value): string {
	if (value === null) return '—';
	if (typeof value === 'string') return value;
	if (Number.isInteger(value)) return String(value);
	if (Math.abs(value) >= 100) return String(Math.round(value));
	return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const isError = (row: unknown): row is RunError =>
	typeof row === 'object' && row !== null && 'error' in row;

function pct(part: number, whole: number): number | null {
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Lays out one table: a metric per line, a column per server, then Croisée/peer ratios. */
function table<Row>(input: {
	title: string;
	targets: TargetStatus[];
	rows: Partial<Record<TargetId, Row | RunError>>;
	metrics: Metric<Row>[];
}): string {
	const { targets, rows } = input;
	const peers = targets.filter((t) => t.id !== 'croisee');
	const hasCroisee = targets.some((t) => t.id === 'croisee');
	const cell = (id: TargetId, metric: Metric<Row>): Value => {
		const status = targets.find((t) => t.id === id);
		const row = rows[id];
		if (!status?.available) return 'n/a';
		if (row === undefined) return '—';
		if (isError(row)) return 'error';
		return metric.value(row);
	};
	const header = ['', ...targets.map((t) => t.label)];
	if (hasCroisee) header.push(...peers.map((p) => `croisée/${p.label}`));
	const lines = input.metrics.map((metric) => {
		const line = [metric.label, ...targets.map((t) => format(cell(t.id, metric)))];
		if (!hasCroisee) return line;
		const mine = cell('croisee', metric);
		for (const peer of peers) {
			const theirs = cell(peer.id, metric);
			const ok = !metric.noRatio && typeof mine === 'number' && typeof theirs === 'number';
			line.push(ok && theirs !== 0 ? `${(mine / theirs).toFixed(2)}×` : '—');
		}
		return line;
	});
	const widths = header.map((_, i) =>
		Math.max(...[header, ...lines].map((l) => (l[i] ?? '').length))
	);
	const render = (line: string[]) =>
		line
			.map((text, i) => (i === 0 ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0)))
			.join('  ');
	const errors = targets.flatMap((t) => {
		const row = rows[t.id];
		if (isError(row)) return [`  ${t.label}: ${row.error}`];
		const inner = (row as { boards?: unknown[] } | undefined)?.boards?.filter(isError) ?? [];
		return inner.map((b) => `  ${t.label}: ${b.error}`);
	});
	return [input.title, render(header), ...lines.map(render), ...errors].join('\n');
}

/** A latency percentile, or null when nothing was delivered (no latency to speak of). */
function latency(result: DeliveryResult, key: 'p50' | 'p95' | 'p99' | 'max'): number | null {
	return result.latency.count > 0 ? result.latency[key] : null;
}

const FANOUT_METRICS: Metric<FanoutRow>[] = [
	{ label: 'edit latency p50 (ms)', value: (r) => latency(r.client.edits, 'p50') },
	{ label: 'edit latency p95 (ms)', value: (r) => latency(r.client.edits, 'p95') },
	{ label: 'edit latency p99 (ms)', value: (r) => latency(r.client.edits, 'p99') },
	{ label: 'edit latency max (ms)', value: (r) => latency(r.client.edits, 'max') },
	{
		label: 'edits delivered (%)',
		value: (r) => pct(r.client.edits.delivered, r.client.edits.expected)
	},
	{ label: 'cursor latency p99 (ms)', value: (r) => latency(r.client.awareness, 'p99') },
	{
		label: 'cursors delivered (%)',
		value: (r) => pct(r.client.awareness.delivered, r.client.awareness.expected)
	},
	{
		label: 'in the server: batch wait / commit / send (ms)',
		noRatio: true,
		value: (r) =>
			r.stages
				? [r.stages.waitMs, r.stages.commitMs, r.stages.deliverMs].map(format).join(' / ')
				: null
	},
	{
		label: '  updates per commit',
		value: (r) => r.stages?.updatesPerCommit ?? null,
		noRatio: true
	},
	{ label: 'server CPU (% of a core)', value: (r) => r.server.cpuPct },
	{
		label: 'server event-loop delay p99 (ms)',
		value: (r) => r.server.eventLoopP99Ms ?? `>${PROBE_TIMEOUT_MS}`
	},
	{ label: 'server RSS peak (MB)', value: (r) => r.server.rssPeakMb },
	{ label: 'load generator CPU (%)', value: (r) => r.client.loadgen.cpuPct },
	{ label: 'other processes on server core (%)', value: (r) => r.server.foreignPct, noRatio: true },
	{
		label: 'clients connected / board items ok',
		noRatio: true,
		value: (r) => {
			const { seen, expected } = r.client.finalItems;
			return `${r.client.connected} / ${seen === expected ? 'yes' : `${seen ?? '?'}≠${expected}`}`;
		}
	}
];

function joinsMetrics(results: BenchResults): Metric<JoinsRow>[] {
	const { options } = results;
	const metrics: Metric<JoinsRow>[] = [
		{
			label: `idle RSS per connection (KB, ${options.idle} idle)`,
			value: (r) => r.idle.rssPerConnKb
		},
		{ label: 'idle heap per connection (KB)', value: (r) => r.idle.heapPerConnKb }
	];
	for (const [i, items] of options.joinItems.entries()) {
		const board = (r: JoinsRow) => {
			const row = r.boards.find((b) => b.items === items);
			return row && !isError(row) ? row : undefined;
		};
		const size = items.toLocaleString('en');
		metrics.push(
			{
				label: `join ${size}-item board, median (ms)`,
				value: (r) => board(r)?.joinMedianMs ?? null
			},
			{ label: `  server CPU per join (ms)`, value: (r) => board(r)?.joinServerCpuMs ?? null },
			{
				label: `  with the stock provider (ms)`,
				value: (r) => board(r)?.stockJoinMedianMs ?? null
			},
			{
				label: `  sync answer (KB)`,
				value: (r) => Math.round((board(r)?.result.syncBytes ?? 0) / 1024)
			}
		);
		if (i === 0 && options.burst > 0) {
			const burst = (r: JoinsRow) => board(r)?.result.burst ?? null;
			const at = (r: JoinsRow, q: number) => {
				const ms = burst(r)?.ms ?? [];
				return ms[Math.min(ms.length - 1, Math.floor(ms.length * q))] ?? null;
			};
			metrics.push(
				{
					label: `${options.burst} join at once (${size} items): p50 (ms)`,
					value: (r) => at(r, 0.5)
				},
				{ label: `  last one synced (ms)`, value: (r) => burst(r)?.totalMs ?? null },
				{ label: `  server CPU (ms)`, value: (r) => board(r)?.burstServerCpuMs ?? null },
				{ label: `  failed joins`, value: (r) => burst(r)?.failures ?? null, noRatio: true }
			);
		}
	}
	return metrics;
}

/** The replay table: Croisée's figures against the target; the peers have nothing to replay. */
function replayReport(row: ReplayRow | RunError, targets: TargetStatus[]): string {
	const peers = targets.filter((t) => t.id !== 'croisee').map((t) => t.label);
	const peerNote = peers.length
		? `  (${peers.join(', ')}: not applicable, they keep no update history to replay)`
		: '';
	if (isError(row)) return ['\nReplay', `  croisée: ${row.error}`, peerNote].join('\n');
	const { spec, workshop } = row;
	const verdict = (ms: number) => (ms < row.targetMs ? 'yes' : 'NO');
	const worst = Math.max(row.cold.max, row.warm.max, row.coldEndMs);
	const lines: Array<[string, Value]> = [
		['load history over HTTP + build engine (ms)', row.loadMs],
		['  update pages received (KB)', Math.round(row.loadBytes / 1024)],
		['first frame: cursor at the start (ms)', row.firstFrameMs],
		[`reach a random moment, cold: p50 / p95 / max (ms)`, triple(row.cold)],
		[`reach a random moment, warm: p50 / p95 / max (ms)`, triple(row.warm)],
		['reach the end on a fresh engine (ms)', row.coldEndMs],
		[`play at 32×, per frame: p50 / p95 / max (ms)`, triple(row.play32)],
		[`every moment reached under ${row.targetMs} ms`, verdict(worst)]
	];
	const width = Math.max(...lines.map(([label]) => label.length));
	return [
		`\nReplay: a two-hour workshop of ${workshop.updates.toLocaleString('en')} updates from ` +
			`${spec.clients} clients (${workshop.snapshots} snapshots, ${workshop.finalItems} objects at ` +
			`the end, ${Math.round(workshop.logBytes / 1024)} KB of updates, seed ${spec.seed}); ` +
			`${spec.seeks} random moments, ${spec.frames} frames at 32× ` +
			`(${row.play32.workshopMinutes.toFixed(0)} min of workshop)`,
		`${''.padEnd(width)}  croisée`,
		...lines.map(([label, value]) => `${label.padEnd(width)}  ${format(value).padStart(7)}`),
		peerNote
	]
		.filter(Boolean)
		.join('\n');
}

function triple(d: { p50: number; p95: number; max: number }): string {
	return [d.p50, d.p95, d.max].map(format).join(' / ');
}

/** How each fan-out variant's table starts. */
const VARIANT_TITLES: Record<FanoutVariant, string> = {
	default: 'Fan-out: ',
	cursors: 'Cursors on (every client moves a cursor): ',
	cluster: 'Two Croisée instances behind Redis (PostgreSQL), clients split between them: '
};

/** The text report of a run: a fan-out table per N, then memory and join figures. */
export function formatReport(results: BenchResults): string {
	const { meta, targets } = results;
	const parts = [
		`Croisée realtime bench, ${meta.date}: ${meta.machine.cpu}, ${meta.machine.cores} cores, ` +
			`Node ${meta.node}, ${meta.pinned ? 'servers on core 0, load on core 1' : 'unpinned'}, ` +
			`Croisée on ${meta.database}, commit ${meta.commit}`,
		...targets.map(
			(t) => `  ${t.label} ${t.version}${t.available ? '' : `: unavailable: ${t.reason}`}`
		)
	];
	for (const run of results.fanout) {
		const { spec } = run;
		const offered =
			(spec.writers * spec.editHz + spec.cursors * spec.awarenessHz) * (spec.clients - 1);
		const title =
			`\n${VARIANT_TITLES[run.variant ?? 'default']}${spec.clients} clients on one board; ${spec.writers} write ${spec.editHz} edits/s ` +
			`each, ${spec.cursors} move a cursor at ${spec.awarenessHz} Hz ` +
			`(${Math.round(offered).toLocaleString('en')} deliveries/s due); ${spec.durationMs / 1000} s window`;
		const runTargets = run.targets ?? targets;
		parts.push(table({ title, targets: runTargets, rows: run.rows, metrics: FANOUT_METRICS }));
		const saturated = Object.entries(run.rows).filter(
			([, row]) => row && !isError(row) && row.client.loadgen.cpuPct > LOADGEN_SATURATED_PCT
		);
		const disturbed = Object.entries(run.rows).filter(
			([, row]) => row && !isError(row) && (row.server.foreignPct ?? 0) > FOREIGN_LOAD_PCT
		);
		if (disturbed.length > 0) {
			parts.push(
				`  (other processes took over ${FOREIGN_LOAD_PCT}% of the server core for ${disturbed.map(([id]) => id).join(', ')}: those figures are disturbed)`
			);
		}
		if (saturated.length > 0) {
			parts.push(
				`  (load generator above ${LOADGEN_SATURATED_PCT}% of its core for ${saturated.map(([id]) => id).join(', ')}: latencies include its own queueing)`
			);
		}
	}
	if (Object.keys(results.joins).length > 0) {
		const title = '\nMemory and joins (one fresh server)';
		parts.push(table({ title, targets, rows: results.joins, metrics: joinsMetrics(results) }));
	}
	if (results.replay) parts.push(replayReport(results.replay, targets));
	return parts.join('\n');
}
