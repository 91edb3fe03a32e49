import * as Y from 'yjs';
import { itemAt, itemEntries, itemText, itemsOf } from '../../../board/schema.ts';

/**
 * Replays a board's update log to attribute contributions: each logged update is applied in order
 * to a fresh document, and the objects its transaction touched are classified as created (a new key
 * under `items`) or edited (an existing object, or anything nested in it, changed). Words written are
 * the growth of an object's word count across one update (deleting words never counts negatively).
 * The log's category is the one the server attributed to the sender, so nothing comes from clients.
 */

/** One logged update, as stored in `board_updates`. */
export interface LoggedUpdate {
	at: Date;
	category: string | null;
	update: Uint8Array;
}

/** What one update contributed. */
export interface ContributionEvent {
	at: Date;
	category: string | null;
	created: number;
	edited: number;
	words: number;
}

/** Words in a text: runs of letters or digits (so "l’accueil" is two, "2026" one). */
export function countWords(text: string): number {
	return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function wordsOf(doc: Y.Doc, id: string): number {
	return countWords(itemText(doc, id)?.toString() ?? '');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types nest events of any kind
type AnyType = Y.AbstractType<any>;

/** The id of the item a changed type belongs to, or null when it is not inside `items`. */
function itemIdOf(type: AnyType, items: AnyType): string | null {
	let current: AnyType | null = type;
	while (current?._item) {
		const parent: unknown = current._item.parent;
		if (parent === items) return current._item.parentSub;
		current = parent instanceof Y.AbstractType ? (parent as AnyType) : null;
	}
	return null;
}

/**
 * Applies `base` (a snapshot, or null) then every update in order; returns the final document and
 * one event per update that touched an object.
 */
export function replayBoard(input: { base: Uint8Array | null; updates: readonly LoggedUpdate[] }): {
	doc: Y.Doc;
	events: ContributionEvent[];
} {
	const doc = new Y.Doc({ gc: true });
	if (input.base) Y.applyUpdate(doc, input.base);
	const items: AnyType = itemsOf(doc);
	const known = new Set<string>();
	const words = new Map<string, number>();
	for (const [id] of itemEntries(doc)) {
		known.add(id);
		words.set(id, wordsOf(doc, id));
	}
	const touched = new Set<string>();
	doc.on('afterTransaction', (transaction: Y.Transaction) => {
		for (const [type, keys] of transaction.changed) {
			if (type === items) for (const key of keys) if (key !== null) touched.add(key);
			const id = type === items ? null : itemIdOf(type, items);
			if (id !== null) touched.add(id);
		}
	});
	const events: ContributionEvent[] = [];
	for (const row of input.updates) {
		touched.clear();
		Y.applyUpdate(doc, row.update);
		const event = { at: row.at, category: row.category, created: 0, edited: 0, words: 0 };
		for (const id of touched) {
			if (!itemAt(doc, id)) {
				known.delete(id);
				continue;
			}
			if (known.has(id)) event.edited++;
			else event.created++;
			known.add(id);
			const now = wordsOf(doc, id);
			event.words += Math.max(0, now - (words.get(id) ?? 0));
			words.set(id, now);
		}
		if (event.created + event.edited > 0) events.push(event);
	}
	return { doc, events };
}
