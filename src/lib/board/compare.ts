import type * as Y from 'yjs';
import { readItems, type ItemView } from './schema.ts';

/**
 * Comparing two moments of a board: which objects were added, removed, moved or edited between
 * document A (earlier) and document B (later), with counts by the objects' category. Pure.
 */

/** What happened to one object between A and B. */
export type ChangeKind = 'added' | 'removed' | 'moved' | 'edited';

/** Counts of each kind of change. */
export type ChangeCounts = Record<ChangeKind, number>;

/** One changed object (moved and edited at once: listed under both). */
export interface ItemChange {
	id: string;
	type: ItemView['type'];
	/** The object's category (B's, or A's when it was removed). */
	category: string | null;
	/** Its text in B (A's when removed), for the list. */
	text: string;
}

/** The differences between two moments of a board. */
export interface BoardComparison {
	added: ItemChange[];
	removed: ItemChange[];
	moved: ItemChange[];
	edited: ItemChange[];
	/** Counts by category (`''` for objects without category). */
	byCategory: Record<string, ChangeCounts>;
}

/** Fields whose change makes an object "edited" (position and size are "moved"). */
const EDITED_FIELDS = [
	'text',
	'color',
	'shape',
	'frame',
	'collapsed',
	'file',
	'strokeWidth',
	'z'
] as const;

function moved(a: ItemView, b: ItemView): boolean {
	return a.x !== b.x || a.y !== b.y || a.w !== b.w || a.h !== b.h;
}

function edited(a: ItemView, b: ItemView): boolean {
	if (EDITED_FIELDS.some((field) => a[field] !== b[field])) return true;
	const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
	return !same(a.start, b.start) || !same(a.end, b.end) || !same(a.points, b.points);
}

function changeOf(item: ItemView): ItemChange {
	return { id: item.id, type: item.type, category: item.category, text: item.text };
}

function emptyCounts(): ChangeCounts {
	return { added: 0, removed: 0, moved: 0, edited: 0 };
}

/** What changed from `docA` (earlier) to `docB` (later), object by object. */
export function compareBoards(docA: Y.Doc, docB: Y.Doc): BoardComparison {
	const before = new Map(readItems(docA).map((item) => [item.id, item]));
	const after = readItems(docB);
	const result: BoardComparison = { added: [], removed: [], moved: [], edited: [], byCategory: {} };
	const count = (kind: ChangeKind, item: ItemView) => {
		result[kind].push(changeOf(item));
		const key = item.category ?? '';
		const counts = (result.byCategory[key] ??= emptyCounts());
		counts[kind]++;
	};
	for (const item of after) {
		const old = before.get(item.id);
		before.delete(item.id);
		if (!old) count('added', item);
		else {
			if (moved(old, item)) count('moved', item);
			if (edited(old, item)) count('edited', item);
		}
	}
	for (const item of before.values()) count('removed', item);
	return result;
}
