import { and, eq } from 'drizzle-orm';
import { appContext } from '../../../src/lib/server/context.ts';
import { boardLocks } from '../../../src/lib/server/db/schema.ts';
import type { LockSet } from './write-policy.ts';

/**
 * The boards' locks, in memory for the Yjs write policy (which must answer synchronously) and in
 * `board_locks`. Every lock is loaded once at start-up (`ready`, awaited by rooms through
 * `loaded()` before their first write); a change is stored before it is
 * applied in memory and announced.
 */
export class LockStore {
	readonly #locks = new Map<string, Set<string>>();
	#loading: Promise<void>;

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
		for (const row of rows) this.#set(row.boardId, row.targetId, true);
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
	}
}
