import type { Logger } from 'pino';
import { metrics } from '../metrics.ts';
import {
	insertSnapshot,
	insertUpdates,
	insertUpdatesAt,
	type LoadedBoard,
	type StoredSnapshot,
	type UnnumberedUpdate
} from '../../src/lib/server/history/store.ts';
import type { JournalMark, LogJournal } from './log-journal.ts';

/** First delay before retrying a failed log write, in milliseconds (doubles each time). */
export const RETRY_INITIAL_MS = 100;
/** Longest delay between two attempts to write the log, in milliseconds. */
export const RETRY_MAX_MS = 5000;

/**
 * A periodic snapshot also waits until the updates logged since the last one weigh this share of
 * that snapshot: encoding and storing a board's whole state every `snapshotEveryUpdates` updates
 * costs more and more as the board grows (a 2 MB board typed into by 50 people would be encoded
 * ten times a second), while a log tail of half a snapshot still loads in a blink. The work of
 * snapshots stays proportional to what is logged.
 */
export const SNAPSHOT_LOG_RATIO = 0.5;

/**
 * Journal mode: the longest a batch waits for the previous delivery's pace (see `#schedule`), in
 * milliseconds.
 */
export const MAX_DELIVERY_PACE_MS = 50;

/**
 * Journal mode: how long journaled batches gather before their database commit, in milliseconds,
 * unless someone waits for them (`flushed()`). A commit on an idle PGlite costs about 2 ms of CPU
 * (docs/BENCHMARKS.md); PGlite runs on its own thread, but on a machine whose server has one core
 * that time is still taken from the sockets. Journaled batches are already durable, so their
 * commit can gather; readers of a board's stored history wait for it (`boardsStored` in
 * `src/lib/server/history/store.ts`).
 */
export const JOURNAL_COMMIT_DELAY_MS = 1000;

/** An accepted update waiting for (or being written to) the database. */
export interface PendingUpdate extends UnnumberedUpdate {
	/** The transaction origin: the connection that sent it, or another server-side origin. */
	origin: unknown;
}

/** An update once stored, with the seq the database gave it. */
export interface LoggedUpdate extends PendingUpdate {
	seq: number;
}

/**
 * Called at an instant when the document holds nothing beyond what is stored or being stored;
 * returns what to do once that is stored (e.g. capture a sync step 2, then send it).
 */
export type DurableCapture = () => () => void;

interface Batch {
	entries: PendingUpdate[];
	afterStored: Array<() => void>;
	/** `performance.now()` when its first update was appended. */
	firstAppendedAt: number;
}

/** How `UpdateLog` reaches the database (replaceable in unit tests). */
export interface LogStore {
	/** Stores the rows, numbered by the database; resolves with the first seq (others follow). */
	insertUpdates(boardId: string, rows: readonly UnnumberedUpdate[]): Promise<number>;
	/** Stores rows numbered here, from `firstSeq` (with a journal: one process owns the database). */
	insertUpdatesAt(
		boardId: string,
		firstSeq: number,
		rows: readonly UnnumberedUpdate[]
	): Promise<void>;
	/** Stores a snapshot unless another instance is writing one or a newer one exists. */
	insertSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<unknown>;
}

/** Options of an `UpdateLog`. */
export interface UpdateLogOptions {
	boardId: string;
	/** Where the stored history stands (from `loadBoardInto`). */
	loaded: LoadedBoard;
	/**
	 * Extra delay before the write of an update that finds the log idle, in milliseconds; 0 (the
	 * default) writes it at once and groups only what arrives while a commit is in flight.
	 */
	batchMs: number;
	/**
	 * A snapshot is taken every this many updates this instance logged (0: only on unload), once
	 * they weigh `SNAPSHOT_LOG_RATIO` of the last snapshot.
	 */
	snapshotEveryUpdates: number;
	/**
	 * The document's full state and item count, right now, with the seq it holds every update up
	 * to (it may hold later ones too: applying an update twice changes nothing).
	 */
	snapshotOf(): { state: Uint8Array; itemCount: number; seq: number };
	/** Called with each batch once it is stored, in seq order: broadcast it. */
	onStored(entries: readonly LoggedUpdate[]): void;
	log: Logger;
	store?: LogStore;
	/**
	 * The embedded database's journal (`log-journal.ts`): when given, batches are numbered here,
	 * journaled and handed to `onStored` at once, and committed to the database after.
	 */
	journal?: LogJournal | null;
}

/** A numbered batch on its way to the database (journal mode). */
interface Commit {
	firstSeq: number;
	rows: UnnumberedUpdate[];
	entries: PendingUpdate[];
	/** Its journal record, released once committed; null when journaling failed. */
	mark: JournalMark | null;
	/** Called once committed (a batch whose journaling failed is broadcast only then). */
	committed?: () => void;
}

/**
 * A board's durable update log: accepted updates are grouped while the previous commit is in
 * flight (group commit; plus `batchMs` when set), inserted in one statement that numbers them (the
 * database keeps the board's seq, shared by every instance), and only then handed to `onStored`
 * (broadcast, published to other instances). A failed insert is retried with back-off, keeping the
 * batch (nothing is broadcast that is not stored). A snapshot is taken after every
 * `snapshotEveryUpdates` updates logged here (and `SNAPSHOT_LOG_RATIO` of the last snapshot's
 * bytes), from `snapshotOf()`.
 *
 * With a `journal` (the embedded database, owned by this one process), the log numbers batches
 * itself, journals each in one write and hands it to `onStored` at once; the database commits
 * follow in seq order, grouped the same way, off the edit's path. `flushed()` still means "in the
 * database". A batch that cannot be journaled waits for its commit before being broadcast.
 */
export class UpdateLog {
	readonly #options: UpdateLogOptions;
	readonly #store: LogStore;
	#pending: PendingUpdate[] = [];
	#firstPendingAt = 0;
	#captures: DurableCapture[] = [];
	#inflight: Batch | null = null;
	/** The flush scheduled for the pending updates, while no commit is in flight. */
	#scheduled: { cancel(): void } | null = null;
	#lastStoredSeq: number;
	#lastSnapshotSeq: number;
	#sinceSnapshot: number;
	#bytesSinceSnapshot: number;
	#lastSnapshotBytes: number;
	#snapshotWrites: Promise<void> = Promise.resolve();
	#idleWaiters: Array<() => void> = [];
	#stopped = false;
	#wakeRetry: (() => void) | null = null;
	readonly #journal: LogJournal | null;
	/** Journal mode: the seq the next batch starts at. */
	#nextSeq: number;
	/** Journal mode: numbered batches waiting for their database commit, in seq order. */
	#commits: Commit[] = [];
	#committing = false;
	/** Journal mode: `performance.now()` before which the next batch waits (delivery pacing). */
	#paceUntil = 0;
	/** Journal mode: starts the database commit now instead of after `JOURNAL_COMMIT_DELAY_MS`. */
	#commitNow: (() => void) | null = null;

	constructor(options: UpdateLogOptions) {
		this.#options = options;
		this.#store = options.store ?? { insertUpdates, insertUpdatesAt, insertSnapshot };
		this.#lastStoredSeq = options.loaded.lastSeq;
		this.#lastSnapshotSeq = options.loaded.lastSnapshotSeq;
		this.#sinceSnapshot = options.loaded.lastSeq - options.loaded.lastSnapshotSeq;
		this.#bytesSinceSnapshot = options.loaded.bytesSinceSnapshot;
		this.#lastSnapshotBytes = options.loaded.lastSnapshotBytes;
		this.#journal = options.journal ?? null;
		this.#nextSeq = options.loaded.lastSeq + 1;
	}

	/** True when nothing is waiting to be written nor being written (to the database). */
	get idle(): boolean {
		return (
			this.#pending.length === 0 &&
			this.#inflight === null &&
			this.#commits.length === 0 &&
			!this.#committing
		);
	}

	/** Seq of the last update this log stored, or the loaded head (0 when none). */
	get lastStoredSeq(): number {
		return this.#lastStoredSeq;
	}

	/**
	 * Queues an accepted update and schedules its write (group commit): while a commit is in
	 * flight, updates gather and are written as the next batch the moment it ends; when the log is
	 * idle, the write starts once the event loop has handled the messages it is reading now
	 * (`setImmediate`), or after `batchMs` when that is above 0.
	 */
	append(input: Omit<PendingUpdate, 'at'>): void {
		if (this.#stopped) return;
		if (this.#pending.length === 0) this.#firstPendingAt = performance.now();
		this.#pending.push({ ...input, at: new Date() });
		if (this.#inflight || this.#scheduled) return;
		this.#scheduled = this.#schedule(() => void this.#flush());
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
		if (this.#scheduled && !this.#inflight) void this.#flush();
		this.#commitNow?.();
		return done;
	}

	/** Once flushed, writes a snapshot when updates were logged since the last one. */
	async snapshotIfBehind(): Promise<void> {
		await this.flushed();
		await this.#snapshotWrites;
		const snapshot = { at: new Date(), ...this.#options.snapshotOf() };
		if (snapshot.seq <= this.#lastSnapshotSeq) return;
		await this.#queueSnapshot(snapshot);
	}

	/** Gives up: no more appends, no more retries; unstored updates are dropped (and logged). */
	stop(): void {
		this.#stopped = true;
		this.#scheduled?.cancel();
		this.#scheduled = null;
		this.#wakeRetry?.();
		if (!this.#inflight) this.#dropPending();
	}

	/**
	 * Schedules the write of the pending updates: after `batchMs` when set; in journal mode, not
	 * before the previous delivery's pace has passed; else once the event loop has read the
	 * messages at hand. Without a database commit to wait for, a journal-mode batch would otherwise
	 * be one or two updates: on a board of 1,000 people each delivery is 1,000 sends, and as many
	 * deliveries as edits swamped the server (p50 161 ms against 71 ms before the journal, 2026-12-05).
	 * Waiting as long as the last delivery took (a fraction of a millisecond in a small workshop)
	 * keeps sending under half of the server's time, as the commit in flight did.
	 */
	#schedule(flush: () => void): { cancel(): void } {
		const { batchMs } = this.#options;
		const paceMs = this.#journal ? this.#paceUntil - performance.now() : 0;
		const delayMs = Math.max(batchMs, paceMs >= 0.5 ? paceMs : 0);
		if (delayMs > 0) {
			const timer = setTimeout(flush, delayMs);
			return { cancel: () => clearTimeout(timer) };
		}
		const immediate = setImmediate(flush);
		return { cancel: () => clearImmediate(immediate) };
	}

	async #flush(): Promise<void> {
		this.#scheduled?.cancel();
		this.#scheduled = null;
		if (this.#inflight || this.#pending.length === 0) return;
		const batch = this.#takeBatch();
		if (this.#journal) {
			await this.#journalBatch(this.#journal, batch);
			return;
		}
		this.#inflight = batch;
		const firstSeq = await this.#write(batch);
		this.#inflight = null;
		if (firstSeq !== null) this.#afterStored(batch, firstSeq);
		if (this.#stopped) this.#dropPending();
		if (this.#pending.length > 0) void this.#flush();
		else this.#notifyIdle();
	}

	#takeBatch(): Batch {
		const entries = this.#pending;
		this.#pending = [];
		const afterStored = this.#captures.map((capture) => capture());
		this.#captures = [];
		return { entries, afterStored, firstAppendedAt: this.#firstPendingAt };
	}

	/** Writes the batch, retrying; resolves with its first seq, or null when the log stopped. */
	async #write(batch: Batch): Promise<number | null> {
		const rows = batch.entries.map(rowOf);
		let delayMs = RETRY_INITIAL_MS;
		for (;;) {
			try {
				const started = performance.now();
				if (delayMs === RETRY_INITIAL_MS) {
					metrics.logWaitSeconds.observe((started - batch.firstAppendedAt) / 1000);
				}
				const firstSeq = await this.#store.insertUpdates(this.#options.boardId, rows);
				metrics.logCommitSeconds.observe((performance.now() - started) / 1000);
				metrics.logBatchSize.observe(rows.length);
				metrics.updatesStored.inc(rows.length);
				return firstSeq;
			} catch (error) {
				this.#options.log.error(
					{ err: error, rows: rows.length, retryInMs: delayMs },
					'update log write failed'
				);
			}
			if (!this.#stopped) await this.#sleep(delayMs);
			if (this.#stopped) {
				this.#options.log.error({ rows: rows.length }, 'update log stopped: batch dropped');
				return null;
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

	/**
	 * Journal mode: numbers the batch, journals it and hands it on at once, then queues its
	 * database commit. When the journal cannot be written, the batch is broadcast only once
	 * committed, and no later batch before it.
	 */
	async #journalBatch(journal: LogJournal, batch: Batch): Promise<void> {
		const firstSeq = this.#nextSeq;
		this.#nextSeq += batch.entries.length;
		const rows = batch.entries.map(rowOf);
		const started = performance.now();
		metrics.logWaitSeconds.observe((started - batch.firstAppendedAt) / 1000);
		let mark: JournalMark | null = null;
		try {
			mark = journal.append(this.#options.boardId, firstSeq, rows);
			metrics.logCommitSeconds.observe((performance.now() - started) / 1000);
		} catch (error) {
			this.#options.log.error(
				{ err: error, rows: rows.length },
				'journal write failed: the batch is broadcast once in the database'
			);
		}
		if (mark) {
			this.#afterStored(batch, firstSeq);
			this.#queueCommit({ firstSeq, rows, entries: batch.entries, mark });
			return;
		}
		this.#inflight = batch;
		await new Promise<void>((resolve) =>
			this.#queueCommit({ firstSeq, rows, entries: batch.entries, mark, committed: resolve })
		);
		this.#inflight = null;
		if (!this.#stopped) this.#afterStored(batch, firstSeq);
		if (this.#stopped) this.#dropPending();
		if (this.#pending.length > 0) void this.#flush();
		else this.#notifyIdle();
	}

	#queueCommit(commit: Commit): void {
		this.#commits.push(commit);
		if (!this.#committing) void this.#drainCommits();
		else if (!commit.mark) this.#commitNow?.(); // waits for its commit to be broadcast
	}

	/** Journal mode: commits the queued batches in seq order, those queued together as one. */
	async #drainCommits(): Promise<void> {
		this.#committing = true;
		// Gathers (see JOURNAL_COMMIT_DELAY_MS), unless a waiter or an unjournaled batch is there.
		const waited = this.#idleWaiters.length > 0 || this.#commits.some((commit) => !commit.mark);
		await new Promise<void>((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				resolve();
			};
			const timer = setTimeout(wake, waited ? 0 : JOURNAL_COMMIT_DELAY_MS);
			this.#commitNow = wake;
		});
		this.#commitNow = null;
		while (this.#commits.length > 0) {
			const commits = this.#commits;
			this.#commits = [];
			const first = commits[0] as Commit;
			const rows = commits.flatMap((commit) => commit.rows);
			let delayMs = RETRY_INITIAL_MS;
			let stored = false;
			while (!stored) {
				try {
					const started = performance.now();
					await this.#store.insertUpdatesAt(this.#options.boardId, first.firstSeq, rows);
					metrics.logDatabaseCommitSeconds.observe((performance.now() - started) / 1000);
					metrics.logBatchSize.observe(rows.length);
					metrics.updatesStored.inc(rows.length);
					stored = true;
				} catch (error) {
					this.#options.log.error(
						{ err: error, rows: rows.length, retryInMs: delayMs },
						'update log write failed'
					);
					if (this.#stopped) {
						// Journaled batches are stored at the next start; the others were never sent.
						this.#options.log.error(
							{ rows: rows.length },
							'update log stopped: left to the journal'
						);
						break;
					}
					await this.#sleep(delayMs);
					delayMs = Math.min(delayMs * 2, RETRY_MAX_MS);
				}
			}
			for (const commit of commits) {
				if (stored && commit.mark) this.#journal?.release(commit.mark);
				commit.committed?.();
				if (stored) this.#countForSnapshot(commit.entries);
			}
			if (!stored) break;
		}
		this.#committing = false;
		this.#notifyIdle();
	}

	#afterStored(batch: Batch, firstSeq: number): void {
		const entries = batch.entries.map((entry, i) => ({ ...entry, seq: firstSeq + i }));
		this.#lastStoredSeq = firstSeq + entries.length - 1;
		const started = performance.now();
		try {
			for (const deliver of batch.afterStored) deliver();
			this.#options.onStored(entries);
			const ended = performance.now();
			metrics.logDeliverSeconds.observe((ended - started) / 1000);
			this.#paceUntil = ended + Math.min(ended - started, MAX_DELIVERY_PACE_MS);
		} catch (error) {
			this.#options.log.error({ err: error }, 'delivering stored updates failed');
		}
		if (!this.#journal) this.#countForSnapshot(entries);
	}

	/** Counts updates now in the database; takes a snapshot when enough were logged. */
	#countForSnapshot(entries: readonly PendingUpdate[]): void {
		this.#sinceSnapshot += entries.length;
		for (const entry of entries) this.#bytesSinceSnapshot += entry.update.byteLength;
		const every = this.#options.snapshotEveryUpdates;
		if (
			every > 0 &&
			this.#sinceSnapshot >= every &&
			this.#bytesSinceSnapshot >= this.#lastSnapshotBytes * SNAPSHOT_LOG_RATIO
		) {
			void this.#queueSnapshot({ at: new Date(), ...this.#options.snapshotOf() });
		}
	}

	/** Writes `snapshot` after those queued before; the periodic counts start again from it. */
	#queueSnapshot(snapshot: StoredSnapshot): Promise<void> {
		this.#sinceSnapshot = 0;
		this.#bytesSinceSnapshot = 0;
		this.#lastSnapshotBytes = snapshot.state.byteLength;
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

/** The row stored for an accepted update. */
function rowOf({ update, authorId, category, at, bindsClients }: PendingUpdate): UnnumberedUpdate {
	return { update, authorId, category, at, bindsClients };
}
