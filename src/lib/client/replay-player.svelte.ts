import type * as Y from 'yjs';
import { decodeHistoryPage, decodeHistorySnapshot } from '../board/history-format.ts';
import {
	ReplayCursor,
	ReplayEngine,
	type HistorySnapshot,
	type HistoryUpdate
} from '../board/replay.ts';

/** Playback speeds offered, in multiples of real time. */
export const REPLAY_SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** How long before the first logged change the timeline starts, in ms (one slider step). */
export const REPLAY_LEAD_MS = 1000;

/** Updates asked per request (the server's maximum page). */
const PAGE_SIZE = 5000;

/** A board's history index, as `GET /api/boards/:id/history` answers it. */
export interface HistoryIndexView {
	board: { id: string; title: string; workshopId: string; archived: boolean };
	lastSeq: number;
	firstSeq: number | null;
	snapshots: { seq: number; at: number }[];
	events: { at: number; type: string }[];
	/** Time (ms) before which the retention purge removed the history, or null. */
	purgedBefore: number | null;
}

async function bytesOf(response: Response): Promise<Uint8Array> {
	if (!response.ok) throw new Error(`history request failed with ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}

/**
 * Loads a board's whole history: the index, every logged update page by page, and the snapshots
 * standing for purged updates (older than the first logged one).
 */
export async function loadHistory(input: { boardId: string; fetch: typeof fetch }): Promise<{
	index: HistoryIndexView;
	engine: ReplayEngine;
}> {
	const base = `/api/boards/${encodeURIComponent(input.boardId)}/history`;
	const answer = await input.fetch(base);
	if (!answer.ok) throw new Error(`history request failed with ${answer.status}`);
	const index = (await answer.json()) as HistoryIndexView;
	const updates: HistoryUpdate[] = [];
	for (let after = 0; ;) {
		const page = decodeHistoryPage(
			await bytesOf(await input.fetch(`${base}/updates?after=${after}&limit=${PAGE_SIZE}`))
		);
		updates.push(...page);
		if (page.length < PAGE_SIZE) break;
		after = page.at(-1)?.seq ?? after;
	}
	const firstSeq = updates[0]?.seq ?? Number.POSITIVE_INFINITY;
	const snapshots: HistorySnapshot[] = [];
	for (const { seq } of index.snapshots.filter((snapshot) => snapshot.seq < firstSeq)) {
		snapshots.push(
			decodeHistorySnapshot(await bytesOf(await input.fetch(`${base}/snapshots/${seq}`)))
		);
	}
	return { index, engine: new ReplayEngine({ updates, snapshots }) };
}

/**
 * The replay's state in the browser: the current time, play/pause at a speed, and the displayed
 * document (`version` changes when a new document replaces it: a backward or long jump).
 */
export class ReplayPlayer {
	readonly engine: ReplayEngine;
	readonly events: readonly { at: number; type: string }[];
	readonly start: number;
	readonly end: number;
	readonly #cursor: ReplayCursor;
	/** Current moment, in ms since the epoch. */
	time = $state(0);
	/** Steps shown at `time`. */
	shown = $state(0);
	playing = $state(false);
	speed = $state<ReplaySpeed>(1);
	/** Bumped each time `doc` is a new document. */
	version = $state(0);
	/**
	 * The event just jumped to (next, previous, or picked in the list), until the moment changes
	 * otherwise: named to the viewer, since two events can fall within the same displayed second.
	 */
	reached = $state<{ at: number; type: string } | null>(null);
	#frame = 0;
	#last = 0;

	constructor(input: { engine: ReplayEngine; events: readonly { at: number; type: string }[] }) {
		this.engine = input.engine;
		this.#cursor = new ReplayCursor(input.engine);
		// Without a base snapshot (template, purge), the first step is the first change: start just
		// before it, so that the start of the timeline shows the board before anyone touched it.
		const lead = input.engine.steps[0]?.kind === 'update' ? REPLAY_LEAD_MS : 0;
		this.start = (input.engine.startAt ?? 0) - lead;
		this.end = Math.max(this.start, input.engine.endAt ?? 0, ...input.events.map((e) => e.at));
		this.events = [...input.events].sort((a, b) => a.at - b.at);
		this.time = this.start;
		this.seek(this.start);
	}

	/** The document at `time`. */
	get doc(): Y.Doc {
		return this.#cursor.doc;
	}

	/** Shows the board as it was at `time` (clamped to the workshop). */
	seek(time: number): void {
		this.reached = null;
		this.time = Math.max(this.start, Math.min(this.end, time));
		const fresh = this.#cursor.moveTo(this.engine.countAt(this.time));
		this.shown = this.#cursor.position;
		if (fresh) this.version++;
	}

	/** Jumps to the first event after the current moment (or stays at the last). */
	nextEvent(): void {
		const next = this.events.find((event) => event.at > this.time);
		if (next) this.jumpTo(next);
	}

	/** Jumps to the last event before the current moment. */
	previousEvent(): void {
		const previous = this.events.findLast((event) => event.at < this.time);
		if (previous) this.jumpTo(previous);
	}

	/** Shows the board at `event` and names it (`reached`). */
	jumpTo(event: { at: number; type: string }): void {
		this.seek(event.at);
		this.reached = event;
	}

	/** Starts playing from the current moment (from the start when at the end). */
	play(): void {
		if (this.playing) return;
		if (this.time >= this.end) this.seek(this.start);
		this.playing = true;
		this.#last = performance.now();
		this.#frame = requestAnimationFrame(this.#tick);
	}

	/** Stops playing. */
	pause(): void {
		this.playing = false;
		if (this.#frame) cancelAnimationFrame(this.#frame);
		this.#frame = 0;
	}

	readonly #tick = (now: number): void => {
		if (!this.playing) return;
		const elapsed = now - this.#last;
		this.#last = now;
		this.seek(this.time + elapsed * this.speed);
		if (this.time >= this.end) this.pause();
		else this.#frame = requestAnimationFrame(this.#tick);
	};
}
