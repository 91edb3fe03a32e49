import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';

/**
 * The board document, shared by the browser and the server. See docs/BOARD_SCHEMA.md.
 *
 * - `items`: `Y.Map<itemId, Y.Map>`, one nested map per object, so concurrent edits of different
 *   fields of one object (a move and a recolour) both survive.
 * - each item's text is a `Y.Text` under the `text` key, so two people can type in one note.
 * - `meta`: title and settings visible to every client.
 */

/** Object kinds. The foundation draws sticky notes; later kinds share the common fields. */
export const ITEM_TYPES = [
	'sticky',
	'text',
	'shape',
	'connector',
	'stroke',
	'frame',
	'image'
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Sticky-note colours (names; the palette lives in the UI, with contrast-checked text colours). */
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Default sticky-note size, in board units (1 unit = 1 CSS pixel at zoom 1). */
export const STICKY_SIZE = { w: 200, h: 160 } as const;

/** The plain (non-text) fields of an item. */
export interface ItemFields {
	type: ItemType;
	x: number;
	y: number;
	w: number;
	h: number;
	/** Fractional index: items are painted in ascending string order. */
	z: string;
	color: string;
	/** Parent frame id, or null. */
	frame: string | null;
	/** Milliseconds since the epoch. */
	createdAt: number;
	/** The author's category (the author's identity stays in the server's log). */
	category: string | null;
}

/** A snapshot of an item as plain data, for rendering. */
export interface ItemView extends ItemFields {
	id: string;
	text: string;
}

export type ItemMap = Y.Map<unknown>;

/** The map of all items of a board document. */
export function itemsOf(doc: Y.Doc): Y.Map<ItemMap> {
	return doc.getMap<ItemMap>('items');
}

/** The board's shared metadata (title, template, settings). */
export function metaOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

/** The `Y.Text` of an item, or null when the item does not exist or has no text. */
export function itemText(doc: Y.Doc, id: string): Y.Text | null {
	const text = itemsOf(doc).get(id)?.get('text');
	return text instanceof Y.Text ? text : null;
}

/** The z-index key that paints above every current item. */
export function topZ(doc: Y.Doc): string {
	let max: string | null = null;
	for (const item of itemsOf(doc).values()) {
		const z = item.get('z');
		if (typeof z === 'string' && (max === null || z > max)) max = z;
	}
	return generateKeyBetween(max, null);
}

/** Creates a sticky note and returns its id. Runs in one transaction. */
export function createSticky(
	doc: Y.Doc,
	input: {
		id?: string;
		x: number;
		y: number;
		color?: NoteColor;
		category?: string | null;
		text?: string;
		now?: number;
	}
): string {
	const id = input.id ?? crypto.randomUUID();
	doc.transact(() => {
		const item: ItemMap = new Y.Map();
		const fields: ItemFields = {
			type: 'sticky',
			x: Math.round(input.x),
			y: Math.round(input.y),
			w: STICKY_SIZE.w,
			h: STICKY_SIZE.h,
			z: topZ(doc),
			color: input.color ?? 'yellow',
			frame: null,
			createdAt: input.now ?? Date.now(),
			category: input.category ?? null
		};
		for (const [key, value] of Object.entries(fields)) item.set(key, value);
		item.set('text', new Y.Text(input.text ?? ''));
		itemsOf(doc).set(id, item);
	});
	return id;
}

/** Moves an item to `(x, y)`. Does nothing when the item is gone. */
export function moveItem(doc: Y.Doc, input: { id: string; x: number; y: number }): void {
	const item = itemsOf(doc).get(input.id);
	if (!item) return;
	doc.transact(() => {
		item.set('x', Math.round(input.x));
		item.set('y', Math.round(input.y));
	});
}

/** Changes an item's colour. */
export function setItemColor(doc: Y.Doc, input: { id: string; color: string }): void {
	itemsOf(doc).get(input.id)?.set('color', input.color);
}

/** Puts an item above all others. */
export function bringToFront(doc: Y.Doc, id: string): void {
	const item = itemsOf(doc).get(id);
	if (item) item.set('z', topZ(doc));
}

/** Deletes an item. */
export function deleteItem(doc: Y.Doc, id: string): void {
	itemsOf(doc).delete(id);
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Reads an item as plain data, tolerating missing or malformed fields from other clients. */
export function readItem(id: string, item: ItemMap): ItemView | null {
	const type = item.get('type');
	if (typeof type !== 'string' || !(ITEM_TYPES as readonly string[]).includes(type)) return null;
	const text = item.get('text');
	const z = item.get('z');
	const frame = item.get('frame');
	const category = item.get('category');
	const color = item.get('color');
	return {
		id,
		type: type as ItemType,
		x: numberOr(item.get('x'), 0),
		y: numberOr(item.get('y'), 0),
		w: numberOr(item.get('w'), STICKY_SIZE.w),
		h: numberOr(item.get('h'), STICKY_SIZE.h),
		z: typeof z === 'string' ? z : 'a0',
		color: typeof color === 'string' ? color : 'yellow',
		frame: typeof frame === 'string' ? frame : null,
		createdAt: numberOr(item.get('createdAt'), 0),
		category: typeof category === 'string' ? category : null,
		text: text instanceof Y.Text ? text.toString() : ''
	};
}

/** Every readable item, in paint order (ascending z, then id). */
export function listItems(doc: Y.Doc): ItemView[] {
	const views: ItemView[] = [];
	for (const [id, item] of itemsOf(doc).entries()) {
		const view = readItem(id, item);
		if (view) views.push(view);
	}
	return views.sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : 1));
}

/** Number of objects on the board (stored with each snapshot). */
export function countItems(doc: Y.Doc): number {
	return itemsOf(doc).size;
}
