import { and, eq } from 'drizzle-orm';
import { appContext } from '../../../src/lib/server/context.ts';
import { boardLocks } from '../../../src/lib/server/db/schema.ts';
import type { LockSet } from './write-policy.ts';

/** A lock change, as announced to the other instances. */
export interface LockChange {
	boardId: string;
	targetId: string;
	locked: boolean;
}

/**
 * The boards' locks, in memory for the Yjs write policy (which must answer synchronously) and in
 * `board_locks`. Every lock is loaded once at start-up (`ready`, awaited by rooms through
 * `loaded()` before their first write); a change is stored before it is
 * applied in memory and announced. With several instances, `onChange` tells the others, which
 * `applyRemote` the change (and `reload` everything after a Redis outage).
 */
export class LockStore {
	readonly #locks = new Map<string, Set<string>>();
	#loading: Promise<void>;
	/** Called after this instance stored a change (set by the realtime wiring). */
	onChange: ((change: LockChange) => void) | null = null;

	constructor() {
		this.#loading = this.#load();
	}

	/** Resolves once the stored locks are loaded (the first load may fail). */
	get ready(): Promise<void> {
		return this.#loading;
	}

	/**
	 * Resolves once the stored locks are loaded; a failed load is tried again, so a database that
	 * was briefly away at start-up does not keep every board closed.
	 */
	loaded(): Promise<void> {
		this.#loading = this.#loading.catch(() => this.#load());
		return this.#loading;
	}

	async #load(): Promise<void> {
		const rows = await appContext()
			.db.select({ boardId: boardLocks.boardId, targetId: boardLocks.targetId })
			.from(boardLocks);
		this.#locks.clear();
		for (const row of rows) this.#set(row.boardId, row.targetId, true);
	}

	/** Reads every lock again from the database (after changes announced meanwhile were lost). */
	reload(): Promise<void> {
		this.#loading = this.#load();
		return this.#loading;
	}

	/** Applies a change another instance stored. */
	applyRemote(change: LockChange): void {
		this.#set(change.boardId, change.targetId, change.locked);
	}

	#set(boardId: string, targetId: string, locked: boolean): void {
		const set = this.#locks.get(boardId) ?? new Set<string>();
		if (locked) set.add(targetId);
		else set.delete(targetId);
		if (set.size > 0) this.#locks.set(boardId, set);
		else this.#locks.delete(boardId);
	}

	/** The locks of a board (empty when none). */
	of(boardId: string): LockSet {
		return this.#locks.get(boardId) ?? new Set();
	}

	/** Locks or unlocks a target of a board (`''`: the whole board). */
	async set(input: {
		boardId: string;
		targetId: string;
		locked: boolean;
		actorId: string;
	}): Promise<void> {
		const { db } = appContext();
		const { boardId, targetId } = input;
		if (input.locked) {
			await db
				.insert(boardLocks)
				.values({ boardId, targetId, lockedBy: input.actorId })
				.onConflictDoNothing();
		} else {
			await db
				.delete(boardLocks)
				.where(and(eq(boardLocks.boardId, boardId), eq(boardLocks.targetId, targetId)));
		}
		this.#set(boardId, targetId, input.locked);
		this.onChange?.({ boardId, targetId, locked: input.locked });
	}
}
