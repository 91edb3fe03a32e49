import type { Logger } from 'pino';
import {
	insertSnapshot,
	insertUpdates,
	type LoadedBoard,
	type StoredSnapshot,
	type StoredUpdate
} from './store.ts';

/** First delay before retrying a failed log write, in milliseconds (doubles each time). */
export const RETRY_INITIAL_MS = 100;
/** Longest delay between two attempts to write the log, in milliseconds. */
export const RETRY_MAX_MS = 5000;

/** An accepted update waiting for (or being written to) the database. */
export interface PendingUpdate extends StoredUpdate {
	/** The transaction origin: the connection that sent it, or another server-side origin. */
	origin: unknown;
}

/**
 * Called at an instant when the document holds nothing beyond what is stored or being stored;
 * returns what to do once that is stored (e.g. capture a sync step 2, then send it).
 */
export type DurableCapture = () => () => void;

interface Batch {
	entries: PendingUpdate[];
	afterStored: Array<() => void>;
	snapshot: StoredSnapshot | null;
}

/** How `UpdateLog` reaches the database (replaceable in unit tests). */
export interface LogStore {
	insertUpdates(boardId: string, rows: readonly StoredUpdate[]): Promise<void>;
	insertSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<void>;
}

/** Options of an `UpdateLog`. */
export interface UpdateLogOptions {
	boardId: string;
	/** Where the stored history stands (from `loadBoardInto`). */
	loaded: LoadedBoard;
	/** Delay grouping updates into one INSERT, in milliseconds. */
	batchMs: number;
	/** A snapshot is taken every this many logged updates (0: only on unload). */
	snapshotEveryUpdates: number;
	/** The document's full state and item count, right now. */
	snapshotOf(): { state: Uint8Array; itemCount: number };
	/** Called with each batch once it is stored, in seq order: broadcast it. */
	onStored(entries: readonly PendingUpdate[]): void;
	log: Logger;
	store?: LogStore;
}

/**
 * A board's durable update log: accepted updates are numbered, grouped for `batchMs`, inserted in
 * one statement, and only then handed to `onStored` (broadcast). A failed insert is retried with
 * back-off, keeping the batch (nothing is broadcast that is not stored). Snapshots are taken every
 * `snapshotEveryUpdates` updates, capturing the state at the instant the batch is taken, so that
 * the snapshot matches the seq of its last update exactly.
 */
export class UpdateLog {
	readonly #options: UpdateLogOptions;
	readonly #store: LogStore;
	#pending: PendingUpdate[] = [];
	#captures: DurableCapture[] = [];
	#inflight: Batch | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#nextSeq: number;
	#lastStoredSeq: number;
	#lastSnapshotSeq: number;
	#sinceSnapshot: number;
	#snapshotWrites: Promise<void> = Promise.resolve();
	#idleWaiters: Array<() => void> = [];
	#stopped = false;
	#wakeRetry: (() => void) | null = null;

	constructor(options: UpdateLogOptions) {
		this.#options = options;
		this.#store = options.store ?? { insertUpdates, insertSnapshot };
		this.#nextSeq = options.loaded.lastSeq + 1;
		this.#lastStoredSeq = options.loaded.lastSeq;
		this.#lastSnapshotSeq = options.loaded.lastSnapshotSeq;
		this.#sinceSnapshot = options.loaded.lastSeq - options.loaded.lastSnapshotSeq;
	}

	/** True when nothing is waiting to be written nor being written. */
	get idle(): boolean {
		return this.#pending.length === 0 && this.#inflight === null;
	}

	/** Seq of the last update stored in the database (0 when none). */
	get lastStoredSeq(): number {
		return this.#lastStoredSeq;
	}

	/** Numbers an accepted update and schedules its write. */
	append(input: Omit<PendingUpdate, 'seq' | 'at'>): void {
		if (this.#stopped) return;
		this.#pending.push({ ...input, seq: this.#nextSeq++, at: new Date() });
		this.#timer ??= setTimeout(() => void this.#flush(), this.#options.batchMs);
	}

	/**
	 * Runs `capture` as soon as the document holds nothing unstored beyond the batch being written
	 * (now, or when the pending updates are taken as a batch), and its result once that is stored.
	 */
	whenDurable(capture: DurableCapture): void {
		if (this.#pending.length > 0) {
			this.#captures.push(capture);
			return;
		}
		const deliver = capture();
		if (this.#inflight) this.#inflight.afterStored.push(deliver);
		else deliver();
	}

	/** Resolves once every update appended so far is stored (writing pending ones right away). */
	flushed(): Promise<void> {
		if (this.idle) return Promise.resolve();
		const done = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
		if (this.#timer && !this.#inflight) void this.#flush();
		return done;
	}

	/** Once flushed, writes a snapshot when updates were logged since the last one. */
	async snapshotIfBehind(): Promise<void> {
		await this.flushed();
		await this.#snapshotWrites;
		if (this.#lastStoredSeq <= this.#lastSnapshotSeq) return;
		const snapshot = { seq: this.#lastStoredSeq, at: new Date(), ...this.#options.snapshotOf() };
		this.#sinceSnapshot = 0;
		await this.#queueSnapshot(snapshot);
	}

	/** Gives up: no more appends, no more retries; unstored updates are dropped (and logged). */
	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#wakeRetry?.();
		if (!this.#inflight) this.#dropPending();
	}

	async #flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#inflight || this.#pending.length === 0) return;
		const batch = this.#takeBatch();
		this.#inflight = batch;
		const stored = await this.#write(batch);
		this.#inflight = null;
		if (stored) this.#afterStored(batch);
		if (this.#stopped) this.#dropPending();
		if (this.#pending.length > 0) void this.#flush();
		else this.#notifyIdle();
	}

	#takeBatch(): Batch {
		const entries = this.#pending;
		this.#pending = [];
		const afterStored = this.#captures.map((capture) => capture());
		this.#captures = [];
		this.#sinceSnapshot += entries.length;
		const every = this.#options.snapshotEveryUpdates;
		let snapshot: StoredSnapshot | null = null;
		const last = entries[entries.length - 1];
		if (every > 0 && this.#sinceSnapshot >= every && last) {
			snapshot = { seq: last.seq, at: new Date(), ...this.#options.snapshotOf() };
			this.#sinceSnapshot = 0;
		}
		return { entries, afterStored, snapshot };
	}

	async #write(batch: Batch): Promise<boolean> {
		const rows = batch.entries.map(({ seq, update, authorId, category, at }) => ({
			seq,
			update,
			authorId,
			category,
			at
		}));
		let delayMs = RETRY_INITIAL_MS;
		for (;;) {
			try {
				await this.#store.insertUpdates(this.#options.boardId, rows);
				return true;
			} catch (error) {
				this.#options.log.error(
					{ err: error, rows: rows.length, retryInMs: delayMs },
					'update log write failed'
				);
			}
			if (!this.#stopped) await this.#sleep(delayMs);
			if (this.#stopped) {
				this.#options.log.error({ rows: rows.length }, 'update log stopped: batch dropped');
				return false;
			}
			delayMs = Math.min(delayMs * 2, RETRY_MAX_MS);
		}
	}

	#sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => wake(), ms);
			const wake = () => {
				clearTimeout(timer);
				this.#wakeRetry = null;
				resolve();
			};
			this.#wakeRetry = wake;
		});
	}

	#afterStored(batch: Batch): void {
		const last = batch.entries[batch.entries.length - 1];
		if (last) this.#lastStoredSeq = last.seq;
		if (batch.snapshot) void this.#queueSnapshot(batch.snapshot);
		try {
			for (const deliver of batch.afterStored) deliver();
			this.#options.onStored(batch.entries);
		} catch (error) {
			this.#options.log.error({ err: error }, 'delivering stored updates failed');
		}
	}

	#queueSnapshot(snapshot: StoredSnapshot): Promise<void> {
		this.#snapshotWrites = this.#snapshotWrites.then(async () => {
			try {
				await this.#store.insertSnapshot(this.#options.boardId, snapshot);
				this.#lastSnapshotSeq = Math.max(this.#lastSnapshotSeq, snapshot.seq);
			} catch (error) {
				this.#options.log.error({ err: error, seq: snapshot.seq }, 'snapshot write failed');
			}
		});
		return this.#snapshotWrites;
	}

	#dropPending(): void {
		if (this.#pending.length > 0) {
			this.#options.log.error(
				{ rows: this.#pending.length },
				'update log stopped: updates dropped'
			);
		}
		this.#pending = [];
		this.#captures = [];
		this.#notifyIdle();
	}

	#notifyIdle(): void {
		if (!this.idle) return;
		const waiters = this.#idleWaiters;
		this.#idleWaiters = [];
		for (const resolve of waiters) resolve();
	}
}
