import { parseArgs } from 'node:util';
import type { TargetId } from './targets.ts';

/** Everything `npm run bench -- …` can change; defaults take about 30 minutes on 2 cores. */
export interface BenchOptions {
	/** Client counts of the fan-out runs. */
	n: number[];
	/** Client counts of the "cursors on" runs (every client moves a cursor at `awarenessHz`). */
	cursorsN: number[];
	/** Client counts of the runs on two Croisée instances behind Redis (PostgreSQL). */
	clusterN: number[];
	/** Measurement window of each fan-out run, in seconds. */
	durationS: number;
	/** Load before the window opens, in seconds. */
	warmupS: number;
	/** Longest wait for late deliveries after the window, in seconds. */
	drainS: number;
	writerRatio: number;
	editHz: number;
	cursorRatio: number;
	awarenessHz: number;
	/** Board sizes of the join runs. */
	joinItems: number[];
	joinRepeats: number;
	/** Clients joining at once (on the first join board). */
	burst: number;
	/** Idle connections for the RSS-per-connection figure. */
	idle: number;
	/** Replay scenario: updates of the two-hour workshop, its clients and generator seed. */
	replayUpdates: number;
	replayClients: number;
	replaySeed: number;
	/** Replay scenario: random moments reached (cold, then warm) and frames played at 32×. */
	replaySeeks: number;
	replayFrames: number;
	targets: TargetId[];
	scenarios: Scenario[];
	/** Run Croisée on PostgreSQL (`DATABASE_URL`) instead of embedded PGlite. */
	postgres: boolean;
	pin: boolean;
	/** Croisée's `LOG_LEVEL`. */
	logLevel: string;
	/** Longest wait for other processes to quiet down before each run, in seconds. */
	quietWaitS: number;
	/** JSON results file. */
	out: string;
}

/** What `npm run bench` can run (`--scenarios`). */
export const SCENARIOS = ['fanout', 'cursors', 'cluster', 'joins', 'replay', 'durable'] as const;

/** One of {@link SCENARIOS}. */
export type Scenario = (typeof SCENARIOS)[number];

/** Usage text of `npm run bench -- --help`. */
export const USAGE = `npm run bench -- [options]
  --n 50,200,500,1000       clients per fan-out run
  --cursors-n 50,200        clients per "cursors on" run (every client moves a cursor)
  --cluster-n 2000          clients per run on two Croisée instances behind Redis
                            (needs DATABASE_URL and REDIS_URL; Croisée only)
  --duration 15             measurement window (s)     --warmup 5   --drain 5
  --writer-ratio 0.1        --edit-hz 2                 --cursor-ratio 0.3   --awareness-hz 10
  --join-items 1000,10000   --join-repeats 5            --burst 50   --idle <max n>
  --replay-updates 20000    --replay-clients 6          --replay-seed 20261126
  --replay-seeks 200        --replay-frames 1800        (replay: Croisée only)
  --targets croisee,y-websocket-server,hocuspocus
  --scenarios fanout,cursors,cluster,joins,replay,durable
  --postgres                Croisée on PostgreSQL (DATABASE_URL) instead of PGlite
  --no-pin                  do not pin processes to cores (taskset)
  --quiet-wait 30           before each run, wait up to this long (s) for other processes to calm
  --log-level warn          Croisée's LOG_LEVEL        --out tests/bench/results/latest.json`;

const ALL_TARGETS: TargetId[] = ['croisee', 'y-websocket-server', 'hocuspocus'];

function numbers(raw: string, name: string): number[] {
	const list = raw.split(',').map((part) => Number(part.trim()));
	if (list.length === 0 || list.some((value) => !Number.isFinite(value) || value <= 0)) {
		throw new Error(`--${name} expects positive numbers separated by commas, got "${raw}"`);
	}
	return list;
}

function positive(raw: string, name: string): number {
	const [value] = numbers(raw, name);
	return value as number;
}

function ratio(raw: string, name: string): number {
	const value = Number(raw);
	if (!(value >= 0 && value <= 1)) throw new Error(`--${name} must be between 0 and 1`);
	return value;
}

function subset<T extends string>(raw: string, allowed: readonly T[], name: string): T[] {
	const list = raw.split(',').map((part) => part.trim()) as T[];
	const unknown = list.filter((item) => !allowed.includes(item));
	if (unknown.length > 0) throw new Error(`--${name}: unknown ${unknown.join(', ')}`);
	return list;
}

/** Parses the command line; returns null when `--help` was asked. */
export function parseOptions(argv: string[]): BenchOptions | null {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			n: { type: 'string', default: '50,200,500,1000' },
			'cursors-n': { type: 'string', default: '50,200' },
			'cluster-n': { type: 'string', default: '2000' },
			duration: { type: 'string', default: '15' },
			warmup: { type: 'string', default: '5' },
			drain: { type: 'string', default: '5' },
			'writer-ratio': { type: 'string', default: '0.1' },
			'edit-hz': { type: 'string', default: '2' },
			'cursor-ratio': { type: 'string', default: '0.3' },
			'awareness-hz': { type: 'string', default: '10' },
			'join-items': { type: 'string', default: '1000,10000' },
			'join-repeats': { type: 'string', default: '5' },
			burst: { type: 'string', default: '50' },
			idle: { type: 'string' },
			targets: { type: 'string', default: ALL_TARGETS.join(',') },
			'replay-updates': { type: 'string', default: '20000' },
			'replay-clients': { type: 'string', default: '6' },
			'replay-seed': { type: 'string', default: '20261126' },
			'replay-seeks': { type: 'string', default: '200' },
			'replay-frames': { type: 'string', default: '1800' },
			scenarios: { type: 'string', default: SCENARIOS.join(',') },
			postgres: { type: 'boolean', default: false },
			'no-pin': { type: 'boolean', default: false },
			'log-level': { type: 'string', default: 'warn' },
			'quiet-wait': { type: 'string', default: '30' },
			out: { type: 'string', default: 'tests/bench/results/latest.json' },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) return null;
	const n = numbers(values.n, 'n').map(Math.round);
	return {
		n,
		cursorsN: numbers(values['cursors-n'], 'cursors-n').map(Math.round),
		clusterN: numbers(values['cluster-n'], 'cluster-n').map(Math.round),
		durationS: positive(values.duration, 'duration'),
		warmupS: Number(values.warmup),
		drainS: Number(values.drain),
		writerRatio: ratio(values['writer-ratio'], 'writer-ratio'),
		editHz: positive(values['edit-hz'], 'edit-hz'),
		cursorRatio: ratio(values['cursor-ratio'], 'cursor-ratio'),
		awarenessHz: positive(values['awareness-hz'], 'awareness-hz'),
		joinItems: numbers(values['join-items'], 'join-items').map(Math.round),
		joinRepeats: Math.round(positive(values['join-repeats'], 'join-repeats')),
		burst: Math.round(Number(values.burst)),
		idle: values.idle ? Math.round(positive(values.idle, 'idle')) : Math.max(...n),
		replayUpdates: Math.round(positive(values['replay-updates'], 'replay-updates')),
		replayClients: Math.round(positive(values['replay-clients'], 'replay-clients')),
		replaySeed: Math.round(positive(values['replay-seed'], 'replay-seed')),
		replaySeeks: Math.round(positive(values['replay-seeks'], 'replay-seeks')),
		replayFrames: Math.round(positive(values['replay-frames'], 'replay-frames')),
		targets: subset(values.targets, ALL_TARGETS, 'targets'),
		scenarios: subset(values.scenarios, SCENARIOS, 'scenarios'),
		postgres: values.postgres,
		pin: !values['no-pin'],
		logLevel: values['log-level'],
		quietWaitS: Number(values['quiet-wait']) || 0,
		out: values.out
	};
}
