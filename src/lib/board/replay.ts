import * as Y from 'yjs';

/**
 * The replay engine: a board's state at any moment of its history, built from the server's log
 * (`board_updates`) and, where the log was purged, its snapshots (`board_snapshots`). Pure and
 * isomorphic (browser, server, benchmarks): no I/O here.
 *
 * The history is a list of steps in seq order. A step is a logged update, or a snapshot standing
 * for updates that are no longer in the log (retention purge: the replay then jumps from one
 * snapshot to the next). Every `checkpointEvery` steps the engine keeps the encoded state, so any
 * seek costs one checkpoint plus at most `checkpointEvery` steps.
 */

/** Steps between two checkpoints kept by the engine. */
export const DEFAULT_CHECKPOINT_EVERY = 500;

/** One update of the log, as the history endpoint gives it (never the author's identity). */
export interface HistoryUpdate {
	seq: number;
	/** Milliseconds since the epoch. */
	at: number;
	/** The author's category, or null (a facilitator, a template). */
	category: string | null;
	update: Uint8Array;
}

/** One stored snapshot: the full state of the board up to and including `seq`. */
export interface HistorySnapshot {
	seq: number;
	/** Milliseconds since the epoch. */
	at: number;
	state: Uint8Array;
}

/** One step of the replay: an update, or a snapshot replacing purged updates. */
export interface ReplayStep {
	seq: number;
	at: number;
	category: string | null;
	kind: 'update' | 'snapshot';
	bytes: Uint8Array;
}

/**
 * The steps of a history: the snapshots older than the first logged update (what a purge left),
 * then every logged update, in seq order. Snapshots covered by the log are not needed.
 */
export function replaySteps(input: {
	updates: readonly HistoryUpdate[];
	snapshots?: readonly HistorySnapshot[];
}): ReplayStep[] {
	const updates = [...input.updates].sort((a, b) => a.seq - b.seq);
	const firstLogged = updates[0]?.seq ?? Number.POSITIVE_INFINITY;
	const snapshots = [...(input.snapshots ?? [])]
		.filter((snapshot) => snapshot.seq < firstLogged)
		.sort((a, b) => a.seq - b.seq)
		.map((s): ReplayStep => ({ ...s, category: null, kind: 'snapshot', bytes: s.state }));
	const logged = updates.map((u): ReplayStep => ({
		seq: u.seq,
		at: u.at,
		category: u.category,
		kind: 'update',
		bytes: u.update
	}));
	return [...snapshots, ...logged];
}

/** Applies steps `[from, to)` of `steps` to `doc`, in one transaction. */
function applySteps(doc: Y.Doc, steps: readonly ReplayStep[], from: number, to: number): void {
	if (to <= from) return;
	doc.transact(() => {
		for (let i = from; i < to; i++) {
			const step = steps[i];
			if (step) Y.applyUpdate(doc, step.bytes);
		}
	});
}

/**
 * Seeks in a board's history. `docAt(n)` is the board after its first `n` steps; `countAt(t)` is
 * how many steps happened at or before the time `t`. Checkpoints are built lazily (or all at once
 * with `prepare()`).
 */
export class ReplayEngine {
	readonly steps: readonly ReplayStep[];
	readonly checkpointEvery: number;
	/** `#checkpoints[k]`: the encoded state after `k * checkpointEvery` steps. */
	readonly #checkpoints: Uint8Array[] = [];

	constructor(input: {
		updates: readonly HistoryUpdate[];
		snapshots?: readonly HistorySnapshot[];
		checkpointEvery?: number;
	}) {
		this.steps = replaySteps(input);
		this.checkpointEvery = Math.max(1, input.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY);
		this.#checkpoints.push(Y.encodeStateAsUpdate(new Y.Doc()));
	}

	/** Time of the first step (ms since the epoch), or null for an empty history. */
	get startAt(): number | null {
		return this.steps[0]?.at ?? null;
	}

	/** Time of the last step (ms since the epoch), or null for an empty history. */
	get endAt(): number | null {
		return this.steps.at(-1)?.at ?? null;
	}

	/**
	 * True when part of the log was purged and the replay starts from snapshots. A template's seed
	 * (the snapshot at seq 0, before any logged update) stands for no purged update.
	 */
	get usesSnapshots(): boolean {
		return this.steps.some((step) => step.kind === 'snapshot' && step.seq > 0);
	}

	/** How many steps happened at or before `time` (ms since the epoch). */
	countAt(time: number): number {
		let low = 0;
		let high = this.steps.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if ((this.steps[middle]?.at ?? 0) <= time) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	/** Builds every checkpoint now (one pass over the history). */
	prepare(): void {
		this.#checkpoint(Math.floor(this.steps.length / this.checkpointEvery));
	}

	/** A new document holding the board after its first `count` steps (clamped to the history). */
	docAt(count: number): Y.Doc {
		const n = Math.max(0, Math.min(this.steps.length, Math.floor(count)));
		const k = Math.floor(n / this.checkpointEvery);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, this.#checkpoint(k));
		applySteps(doc, this.steps, k * this.checkpointEvery, n);
		return doc;
	}

	/** A new document holding the board as it was at `time` (ms since the epoch). */
	docAtTime(time: number): Y.Doc {
		return this.docAt(this.countAt(time));
	}

	/** Moves `doc`, which holds the first `from` steps, forward to `to` steps (`to >= from`). */
	advance(doc: Y.Doc, from: number, to: number): void {
		applySteps(doc, this.steps, from, Math.min(to, this.steps.length));
	}

	/** The checkpoint `k` (state after `k * checkpointEvery` steps), building those missing. */
	#checkpoint(k: number): Uint8Array {
		const built = this.#checkpoints.length - 1;
		const known = this.#checkpoints[Math.min(k, built)];
		if (k <= built && known) return known;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, known ?? new Uint8Array([0, 0]));
		for (let next = built + 1; next <= k; next++) {
			applySteps(doc, this.steps, (next - 1) * this.checkpointEvery, next * this.checkpointEvery);
			this.#checkpoints.push(Y.encodeStateAsUpdate(doc));
		}
		doc.destroy();
		return this.#checkpoints[k] as Uint8Array;
	}
}

/**
 * A replay position over one displayed document: moving forward applies the steps in between to
 * the same document (cheap, and the canvas updates in place); moving backward, or far forward,
 * starts a new document from the nearest checkpoint (`fresh: true`: render the new document).
 */
export class ReplayCursor {
	readonly engine: ReplayEngine;
	doc: Y.Doc;
	/** Steps applied to `doc`. */
	position = 0;

	constructor(engine: ReplayEngine) {
		this.engine = engine;
		this.doc = engine.docAt(0);
	}

	/** Moves to `count` steps; returns true when `doc` was replaced by a new document. */
	moveTo(count: number): boolean {
		const n = Math.max(0, Math.min(this.engine.steps.length, Math.floor(count)));
		const ahead = n - this.position;
		if (ahead >= 0 && ahead <= this.engine.checkpointEvery) {
			this.engine.advance(this.doc, this.position, n);
			this.position = n;
			return false;
		}
		this.doc = this.engine.docAt(n);
		this.position = n;
		return true;
	}
}
