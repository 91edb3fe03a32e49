import * as Y from 'yjs';
import { itemAt, itemsOf } from '../../../src/lib/board/schema.ts';
import type { BoardIdentity } from '../access.ts';

/**
 * Locks, enforced inside the Yjs server. A room asks its `WritePolicy` before applying a client's
 * update; the lock policy answers from the board's locks (kept by `LockStore`, owned by the
 * facilitation layer) and from the items the update touches.
 *
 * Which items an update touches is decided by a doc-diff on a scratch copy: the current state is
 * copied into a fresh `Y.Doc`, the update is applied there inside `observeDeep` on `items`, and the
 * touched ids are the keys of `items` that changed plus the first path segment of every nested
 * change (a note's text, a field of its map). This costs a copy of the document, so it only runs
 * when the board has a lock and the sender is not a facilitator; a board without locks never pays.
 */

/** Id of the lock target standing for the whole board. */
export const BOARD_TARGET = '';

/** What a room asks before applying a client's update. */
export interface WritePolicy {
	/**
	 * Resolves when the policy can answer (e.g. its locks are loaded); a room does not open before,
	 * so no write is accepted on data the policy has not seen yet.
	 */
	ready?(): Promise<void>;
	/** True when `identity` may apply `update` to `doc` (the room's current document). */
	allows(input: {
		boardId: string;
		doc: Y.Doc;
		update: Uint8Array;
		identity: BoardIdentity;
	}): boolean;
}

/** The locks of a board: the board itself (`BOARD_TARGET`), frames and objects, by id. */
export type LockSet = ReadonlySet<string>;

/**
 * Applies `update` to a scratch copy of `doc`; returns the ids of the items it adds, changes or
 * deletes, and the scratch document after the update (the caller destroys it).
 */
export function diffUpdate(doc: Y.Doc, update: Uint8Array): { touched: Set<string>; after: Y.Doc } {
	const after = new Y.Doc();
	Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
	const touched = new Set<string>();
	const items = itemsOf(after);
	const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
		for (const event of events) {
			const [first] = event.path;
			if (typeof first === 'string') touched.add(first);
			else if (event.target === items) for (const key of event.keys.keys()) touched.add(key);
		}
	};
	items.observeDeep(observer);
	Y.applyUpdate(after, update);
	items.unobserveDeep(observer);
	return { touched, after };
}

/** Deepest nesting of frames followed when looking for a locked ancestor. */
const MAX_FRAME_DEPTH = 32;

/** True when a frame `itemId` sits in (directly or through nested frames) is in `locks`. */
function inLockedFrame(doc: Y.Doc, itemId: string, locks: LockSet): boolean {
	let current: unknown = itemAt(doc, itemId)?.get('frame');
	for (let depth = 0; typeof current === 'string' && depth < MAX_FRAME_DEPTH; depth++) {
		if (locks.has(current)) return true;
		current = itemAt(doc, current)?.get('frame');
	}
	return false;
}

/**
 * True when `update` changes something locked: anything when the board is locked; otherwise a
 * locked object or frame, or an item inside a locked frame (at any depth) before or after the
 * update (nothing is moved into or out of a locked frame).
 */
export function touchesLocked(input: {
	before: Y.Doc;
	update: Uint8Array;
	locks: LockSet;
}): boolean {
	const { before, update, locks } = input;
	if (locks.has(BOARD_TARGET)) return true;
	const { touched, after } = diffUpdate(before, update);
	try {
		for (const id of touched) {
			if (locks.has(id)) return true;
			if (inLockedFrame(before, id, locks) || inLockedFrame(after, id, locks)) return true;
		}
		return false;
	} finally {
		after.destroy();
	}
}

/**
 * The write policy of locks: facilitators change anything; others nothing locked. Rooms wait for
 * `ready` (the stored locks loaded) before opening.
 */
export function lockPolicy(input: {
	locksOf: (boardId: string) => LockSet;
	ready: () => Promise<void>;
}): WritePolicy {
	const { locksOf } = input;
	return {
		ready: input.ready,
		allows({ boardId, doc, update, identity }) {
			if (identity.role === 'facilitator') return true;
			const locks = locksOf(boardId);
			if (locks.size === 0) return true;
			// A client's answer to sync step 1 often brings nothing new: never a lock breach.
			if (Y.snapshotContainsUpdate(Y.snapshot(doc), update)) return true;
			return !touchesLocked({ before: doc, update, locks });
		}
	};
}
