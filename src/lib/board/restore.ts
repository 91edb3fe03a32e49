import * as Y from 'yjs';
import { itemsOf } from './schema.ts';

/**
 * Undoing a deletion from the history: the objects one logged update removed, read from the board
 * as it was just before, are put back with their ids, fields, texts and categories (so the
 * server's attribution of each object to its creator's category still holds). Pure.
 */

/** Ids of the objects of `before` that applying `update` removes. */
export function objectsDeletedBy(before: Y.Doc, update: Uint8Array): string[] {
	const after = new Y.Doc();
	Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
	Y.applyUpdate(after, update);
	const kept = itemsOf(after);
	const removed = [...itemsOf(before).keys()].filter((id) => !kept.has(id));
	after.destroy();
	return removed;
}

/** A copy of an object's map: plain values as they are, texts as new texts with the same content. */
function copyItem(source: Y.Map<unknown>): Y.Map<unknown> {
	const copy = new Y.Map<unknown>();
	for (const [key, value] of source) {
		if (value instanceof Y.Text) copy.set(key, new Y.Text(value.toString()));
		else if (value instanceof Y.AbstractType) copy.set(key, value.toJSON());
		else copy.set(key, value);
	}
	return copy;
}

/**
 * Puts the objects `ids` of `from` back into `into` (in one transaction with `origin`), skipping
 * those `into` holds already (restored before, or never gone). Returns the ids restored.
 */
export function restoreObjects(input: {
	from: Y.Doc;
	into: Y.Doc;
	ids: readonly string[];
	origin?: unknown;
}): string[] {
	const source = itemsOf(input.from);
	const target = itemsOf(input.into);
	const restored: string[] = [];
	input.into.transact(() => {
		for (const id of input.ids) {
			const item = source.get(id);
			if (!(item instanceof Y.Map) || target.has(id)) continue;
			target.set(id, copyItem(item));
			restored.push(id);
		}
	}, input.origin);
	return restored;
}

/** One logged update that deleted objects. */
export interface Deletion {
	seq: number;
	/** When it was logged, in ms since the epoch. */
	at: number;
	/** Its author's category (the server's attribution), or null. */
	category: string | null;
	/** How many objects it removed. */
	count: number;
}

/**
 * The logged updates of a history that deleted objects, in order, found in one pass. Snapshots (a
 * purged log) carry no author and are applied without being listed.
 */
export function deletionsIn(
	steps: ReadonlyArray<{
		seq: number;
		at: number;
		category: string | null;
		kind: 'update' | 'snapshot';
		bytes: Uint8Array;
	}>
): Deletion[] {
	const doc = new Y.Doc();
	const items = itemsOf(doc);
	let count = 0;
	const observer = (event: Y.YMapEvent<Y.Map<unknown>>) => {
		for (const change of event.changes.keys.values()) if (change.action === 'delete') count++;
	};
	items.observe(observer);
	const deletions: Deletion[] = [];
	for (const step of steps) {
		count = 0;
		Y.applyUpdate(doc, step.bytes);
		if (count > 0 && step.kind === 'update') {
			deletions.push({ seq: step.seq, at: step.at, category: step.category, count });
		}
	}
	items.unobserve(observer);
	doc.destroy();
	return deletions;
}
