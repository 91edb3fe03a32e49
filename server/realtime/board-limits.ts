import * as Y from 'yjs';
import { itemsOf } from '../../src/lib/board/schema.ts';

/**
 * Board-level limits checked before an update is applied: how many objects it would add. Counted
 * from the decoded structs, so nothing is applied to find out.
 */

/** Name of the root map holding a board's objects (see `src/lib/board/schema.ts`). */
const ITEMS_ROOT = 'items';

/**
 * The number of objects `structs` would add to `doc`'s items map: distinct new keys written at the
 * root of `items` by structs the document does not hold yet. Edits to existing objects, deletions
 * and structs already integrated count for nothing.
 */
export function objectsAddedBy(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): number {
	const items = itemsOf(doc);
	const keys = new Set<string>();
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue;
		// Decoded but not integrated: a root parent is still the root type's name.
		const parent: unknown = struct.parent;
		if (parent !== ITEMS_ROOT || struct.parentSub === null) continue;
		if (struct.id.clock < Y.getState(doc.store, struct.id.client)) continue;
		if (!items.has(struct.parentSub)) keys.add(struct.parentSub);
	}
	return keys.size;
}

/** True when applying an update made of `structs` would take `doc` beyond `maxObjects` objects. */
export function wouldExceedObjects(
	doc: Y.Doc,
	structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
	maxObjects: number
): boolean {
	const added = objectsAddedBy(doc, structs);
	return added > 0 && itemsOf(doc).size + added > maxObjects;
}
