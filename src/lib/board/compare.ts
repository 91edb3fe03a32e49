import * as Y from 'yjs';
import { itemsOf, readItems, type ItemView } from './schema.ts';

/**
 * Comparing two moments of a board: which objects were added, removed, moved or edited between
 * document A (earlier) and document B (later), with counts by category: the category of the people
 * who made each change (from the server's log, `changeAuthors`), or, where the log does not say
 * (no steps given, a purged log), the object's own category. Pure.
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

/**
 * Per object and kind of change, the categories of the people who made such a change (`''` for
 * people without category, e.g. a facilitator).
 */
export type ChangeAuthors = Map<string, Map<ChangeKind, Set<string>>>;

/** Fields whose change makes an object "moved". */
const MOVED_FIELDS: ReadonlySet<string> = new Set(['x', 'y', 'w', 'h']);

/**
 * Who changed what between moment A (`from`) and the moment after `steps`: each logged update is
 * applied in turn to a copy of A, and every object it adds, removes, moves or edits is put down to
 * that update's author category (the server's attribution, never the object's field).
 */
export function changeAuthors(input: {
	from: Y.Doc;
	steps: ReadonlyArray<{ bytes: Uint8Array; category: string | null }>;
}): ChangeAuthors {
	const authors: ChangeAuthors = new Map();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(input.from));
	const items = itemsOf(doc);
	let category = '';
	const note = (id: string, kind: ChangeKind) => {
		const kinds = authors.get(id) ?? new Map<ChangeKind, Set<string>>();
		authors.set(id, kinds);
		const categories = kinds.get(kind) ?? new Set<string>();
		kinds.set(kind, categories.add(category));
	};
	const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		for (const event of events) {
			const [id] = event.path;
			if (event.target === items) {
				for (const [key, change] of event.changes.keys) {
					note(
						key,
						change.action === 'add' ? 'added' : change.action === 'delete' ? 'removed' : 'edited'
					);
				}
			} else if (typeof id === 'string') {
				const fields = event.path.length === 1 ? [...event.changes.keys.keys()] : ['text'];
				for (const field of fields) note(id, MOVED_FIELDS.has(field) ? 'moved' : 'edited');
			}
		}
	};
	items.observeDeep(observer);
	for (const step of input.steps) {
		category = step.category ?? '';
		Y.applyUpdate(doc, step.bytes);
	}
	items.unobserveDeep(observer);
	doc.destroy();
	return authors;
}

function changeOf(item: ItemView): ItemChange {
	return { id: item.id, type: item.type, category: item.category, text: item.text };
}

function emptyCounts(): ChangeCounts {
	return { added: 0, removed: 0, moved: 0, edited: 0 };
}

/**
 * What changed from `docA` (earlier) to `docB` (later), object by object. With `authors`, each
 * change counts under the category of every person who made it; without, under the object's.
 */
export function compareBoards(docA: Y.Doc, docB: Y.Doc, authors?: ChangeAuthors): BoardComparison {
	const before = new Map(readItems(docA).map((item) => [item.id, item]));
	const after = readItems(docB);
	const result: BoardComparison = { added: [], removed: [], moved: [], edited: [], byCategory: {} };
	const count = (kind: ChangeKind, item: ItemView) => {
		result[kind].push(changeOf(item));
		const who = authors?.get(item.id)?.get(kind);
		const keys = who && who.size > 0 ? [...who] : [item.category ?? ''];
		for (const key of keys) (result.byCategory[key] ??= emptyCounts())[kind]++;
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
