import type { Logger } from 'pino';
import { applyAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { metrics } from '../metrics.ts';
import type { BoardChannel, BoardMessage, RemoteUpdates } from './redis-bus.ts';
import { SeqTracker } from './seq-tracker.ts';
import { updatesAfter } from '../../src/lib/server/history/store.ts';
import type { LoggedUpdate } from './update-log.ts';

/**
 * Origin of the transactions applying updates that are already stored (by another instance):
 * the room relays them to its clients at once and never logs them again.
 */
export const REMOTE_ORIGIN = 'remote';

/** Delay before reading the database when a batch arrived ahead of a missing one, in ms. */
export const CATCH_UP_GAP_MS = 250;
/** Period of the safety catch-up from the database while other instances may write, in ms. */
export const CATCH_UP_EVERY_MS = 3000;

/** Where an update stored by another instance came from. */
type Source = 'redis' | 'database';

/** How a `RemoteSync` reads the log (replaceable in unit tests). */
export type ReadUpdatesAfter = typeof updatesAfter;

/** Options of a `RemoteSync`. */
export interface RemoteSyncOptions {
	boardId: string;
	doc: Y.Doc;
	awareness: Awareness;
	/** The seq the database load replayed up to. */
	loadedSeq: number;
	/** The board's Redis channel; null on a single instance. */
	channel: BoardChannel | null;
	/** Subscribes to Redis reconnections (to catch up what was published meanwhile). */
	onBusReady?: (listener: () => void) => () => void;
	log: Logger;
	readUpdatesAfter?: ReadUpdatesAfter;
}

/**
 * Keeps one board's document in step with the other instances: publishes the batches this
 * instance stored, applies those of others (origin `REMOTE_ORIGIN`, each seq once), and reads the
 * database for what Redis did not bring (a gap in the seqs, a Redis outage, an instance that died
 * between storing and publishing). Tracks which seqs the document holds, for snapshots.
 */
export class RemoteSync {
	readonly #options: RemoteSyncOptions;
	readonly #tracker: SeqTracker;
	readonly #read: ReadUpdatesAfter;
	#gapTimer: ReturnType<typeof setTimeout> | null = null;
	#periodic: ReturnType<typeof setInterval> | null = null;
	#catchingUp: Promise<void> | null = null;
	#stopBusReady: (() => void) | null = null;
	#closed = false;

	constructor(options: RemoteSyncOptions) {
		this.#options = options;
		this.#tracker = new SeqTracker(options.loadedSeq);
		this.#read = options.readUpdatesAfter ?? updatesAfter;
		const { channel } = options;
		if (!channel) return;
		channel.listen((message) => this.#receive(message));
		this.#periodic = setInterval(() => void this.catchUp(), CATCH_UP_EVERY_MS);
		this.#stopBusReady = options.onBusReady?.(() => void this.catchUp()) ?? null;
	}

	/** Every stored update up to this seq is in the document. */
	get appliedSeq(): number {
		return this.#tracker.contiguous;
	}

	/** Records a batch this instance stored and publishes it to the others. */
	stored(entries: readonly LoggedUpdate[]): void {
		const first = entries[0];
		if (!first) return;
		this.#tracker.add(first.seq, entries.length);
		this.#options.channel?.publishUpdates(
			first.seq,
			entries.map((entry) => entry.update)
		);
	}

	/** Publishes an awareness update one of this instance's clients sent. */
	publishAwareness(update: Uint8Array): void {
		this.#options.channel?.publishAwareness(update);
	}

	/** Reads and applies every stored update the document lacks (one read at a time). */
	catchUp(): Promise<void> {
		this.#catchingUp ??= this.#readMissing().finally(() => (this.#catchingUp = null));
		return this.#catchingUp;
	}

	/** Stops listening and reading. */
	close(): void {
		this.#closed = true;
		if (this.#gapTimer) clearTimeout(this.#gapTimer);
		if (this.#periodic) clearInterval(this.#periodic);
		this.#stopBusReady?.();
		this.#options.channel?.close();
	}

	#receive(message: BoardMessage): void {
		if (this.#closed) return;
		try {
			if (message.kind === 'awareness') {
				applyAwarenessUpdate(this.#options.awareness, message.update, REMOTE_ORIGIN);
				return;
			}
			this.#applyRemote(message);
		} catch (error) {
			this.#options.log.error({ err: error, from: message.instanceId }, 'remote message failed');
		}
	}

	#applyRemote(message: RemoteUpdates): void {
		this.#applyAll(
			message.updates.map((update, i) => ({ seq: message.firstSeq + i, update })),
			'redis'
		);
		metrics.fanOutLatency.observe(Math.max(0, Date.now() - message.sentAt) / 1000);
		if (this.#tracker.hasGap && !this.#gapTimer) {
			this.#gapTimer = setTimeout(() => {
				this.#gapTimer = null;
				void this.catchUp();
			}, CATCH_UP_GAP_MS);
		}
	}

	/**
	 * Applies a batch in one transaction, so that the document emits one update for all of it and
	 * the room relays it to each client as one frame: applied one by one, a batch of 30 updates
	 * stored by another instance cost every client of this one 30 frames (and the server 30 writes
	 * per client), where the clients of the instance that stored it got one.
	 */
	#applyAll(rows: readonly { seq: number; update: Uint8Array }[], source: Source): void {
		Y.transact(
			this.#options.doc,
			() => {
				for (const { seq, update } of rows) this.#apply(seq, update, source);
			},
			REMOTE_ORIGIN
		);
	}

	#apply(seq: number, update: Uint8Array, source: Source): void {
		if (this.#tracker.has(seq)) return;
		Y.applyUpdate(this.#options.doc, update, REMOTE_ORIGIN);
		this.#tracker.add(seq);
		metrics.updatesRemote.inc({ source });
	}

	async #readMissing(): Promise<void> {
		try {
			for (;;) {
				if (this.#closed) return;
				const rows = await this.#read(this.#options.boardId, this.#tracker.contiguous);
				if (this.#closed) return;
				if (rows.length === 0) return;
				this.#applyAll(rows, 'database');
			}
		} catch (error) {
			this.#options.log.warn({ err: error }, 'catch-up from the database failed');
		}
	}
}
