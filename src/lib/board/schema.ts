import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';

/**
 * The board document, shared by the browser and the server. See docs/BOARD_SCHEMA.md.
 *
 * - `items`: `Y.Map<itemId, Y.Map>`, one nested map per object, so concurrent edits of different
 *   fields of one object (a move and a recolour) both survive.
 * - each item's text (note text, shape label, frame name, image description) is a `Y.Text` under the
 *   `text` key, so two people can type in one object.
 * - `meta`: title and settings visible to every client.
 *
 * Edits that change several fields or items live in `operations.ts`; pure geometry in `layout.ts`.
 */

/** Object kinds. */
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

/** Outlines of a `shape` item. */
export const SHAPE_KINDS = ['rectangle', 'ellipse', 'diamond'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** Sticky-note colours (names; the palette lives in the UI, with contrast-checked text colours). */
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Sticky-note sizes, in board units (1 unit = 1 CSS pixel at zoom 1). */
export const STICKY_SIZES = {
	small: { w: 200, h: 160 },
	large: { w: 320, h: 256 }
} as const;
export type StickySize = keyof typeof STICKY_SIZES;

/** Default sticky-note size, in board units. */
export const STICKY_SIZE = STICKY_SIZES.small;

/** Default size of each kind when created without one, in board units. */
export const DEFAULT_SIZES: Record<ItemType, { w: number; h: number }> = {
	sticky: STICKY_SIZE,
	text: { w: 240, h: 60 },
	shape: { w: 200, h: 120 },
	connector: { w: 0, h: 0 },
	stroke: { w: 1, h: 1 },
	frame: { w: 800, h: 560 },
	image: { w: 320, h: 240 }
};

export { MAX_TEXT_CHARS } from './limits.ts';

/** Smallest width and height an item may be resized to, in board units. */
export const MIN_ITEM_SIZE = 24;

/** One end of a connector: attached to an item (its centre), or a free board point. */
export type Endpoint = { item: string } | { x: number; y: number };

/** The plain (non-text) fields of an item. Type-specific fields are null on other kinds. */
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

/** Fields that only some kinds carry. */
export interface ItemExtras {
	/** `shape`: its outline. */
	shape: ShapeKind | null;
	/** `connector`: its two ends. */
	start: Endpoint | null;
	end: Endpoint | null;
	/** `stroke`: flat list `[x0, y0, x1, y1, …]` relative to the item's `(x, y)`. */
	points: number[] | null;
	/** `stroke`: pen width in board units. */
	strokeWidth: number | null;
	/** `frame`: shown as a single header line, its children hidden. */
	collapsed: boolean;
	/** `image`: id of the uploaded file (`/api/boards/<board>/files/<file>`). */
	file: string | null;
}

/** A snapshot of an item as plain data, for rendering. */
export interface ItemView extends ItemFields, ItemExtras {
	id: string;
	text: string;
}

export type ItemMap = Y.Map<unknown>;

/** The map of all items of a board document. */
export function itemsOf(doc: Y.Doc): Y.Map<ItemMap> {
	return doc.getMap<ItemMap>('items');
}

/**
 * The item `id` as a map, or null when absent or malformed: peers' data is untrusted, and a client
 * may write any value under `items` (a string there must not break every other reader).
 */
export function itemAt(doc: Y.Doc, id: string): ItemMap | null {
	const value: unknown = itemsOf(doc).get(id);
	return value instanceof Y.Map ? (value as ItemMap) : null;
}

/** Every well-formed item as `[id, map]` (malformed entries are skipped; see `itemAt`). */
export function itemEntries(doc: Y.Doc): Array<[string, ItemMap]> {
	const entries: Array<[string, ItemMap]> = [];
	for (const [id, value] of itemsOf(doc).entries()) {
		if ((value as unknown) instanceof Y.Map) entries.push([id, value]);
	}
	return entries;
}

/** The board's shared metadata (title, template, settings). */
export function metaOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

/** The `Y.Text` of an item, or null when the item does not exist or has no text. */
export function itemText(doc: Y.Doc, id: string): Y.Text | null {
	const text = itemAt(doc, id)?.get('text');
	return text instanceof Y.Text ? text : null;
}

/** Lowest and highest z keys on the board (null when empty). */
export function zRange(doc: Y.Doc): { min: string | null; max: string | null } {
	let min: string | null = null;
	let max: string | null = null;
	for (const [, item] of itemEntries(doc)) {
		const z = item.get('z');
		if (typeof z !== 'string') continue;
		if (max === null || z > max) max = z;
		if (min === null || z < min) min = z;
	}
	return { min, max };
}

/** The z-index key that paints above every current item. */
export function topZ(doc: Y.Doc): string {
	return generateKeyBetween(zRange(doc).max, null);
}

/** What `createItem` needs; everything but the type and position has a default. */
export interface NewItem extends Partial<ItemFields>, Partial<ItemExtras> {
	type: ItemType;
	x: number;
	y: number;
	id?: string;
	text?: string;
	now?: number;
}

/** Writes `fields` into an item map, skipping nulls of the kind-specific fields. */
function writeFields(item: ItemMap, fields: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) item.set(key, value);
	}
}

/** Creates an item of any kind and returns its id. Runs in one transaction. */
export function createItem(doc: Y.Doc, input: NewItem): string {
	const id = input.id ?? crypto.randomUUID();
	const size = DEFAULT_SIZES[input.type];
	doc.transact(() => {
		const item: ItemMap = new Y.Map();
		const fields: ItemFields = {
			type: input.type,
			x: Math.round(input.x),
			y: Math.round(input.y),
			w: Math.round(input.w ?? size.w),
			h: Math.round(input.h ?? size.h),
			z: input.z ?? topZ(doc),
			color: input.color ?? defaultColor(input.type),
			frame: input.frame ?? null,
			createdAt: input.now ?? Date.now(),
			category: input.category ?? null
		};
		writeFields(item, { ...fields });
		writeFields(item, {
			shape: input.type === 'shape' ? (input.shape ?? 'rectangle') : undefined,
			start: input.start ?? undefined,
			end: input.end ?? undefined,
			points: input.points ?? undefined,
			strokeWidth: input.strokeWidth ?? undefined,
			collapsed: input.type === 'frame' ? (input.collapsed ?? false) : undefined,
			file: input.file ?? undefined
		});
		item.set('text', new Y.Text(input.text ?? ''));
		itemsOf(doc).set(id, item);
	});
	return id;
}

/** The colour a new item of `type` gets. */
export function defaultColor(type: ItemType): string {
	if (type === 'sticky') return 'yellow';
	if (type === 'frame') return 'white';
	if (type === 'shape') return 'blue';
	return 'ink';
}

/** Creates a sticky note and returns its id. Runs in one transaction. */
export function createSticky(
	doc: Y.Doc,
	input: {
		id?: string;
		x: number;
		y: number;
		color?: NoteColor;
		size?: StickySize;
		category?: string | null;
		text?: string;
		now?: number;
	}
): string {
	const size = STICKY_SIZES[input.size ?? 'small'];
	return createItem(doc, { ...input, type: 'sticky', w: size.w, h: size.h });
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function stringOr<T extends string | null>(value: unknown, fallback: T): string | T {
	return typeof value === 'string' ? value : fallback;
}

/** A well-formed endpoint, or null. */
export function readEndpoint(value: unknown): Endpoint | null {
	if (!value || typeof value !== 'object') return null;
	const candidate = value as Record<string, unknown>;
	if (typeof candidate.item === 'string') return { item: candidate.item };
	const { x, y } = candidate;
	if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
		return { x, y };
	}
	return null;
}

function readPoints(value: unknown): number[] | null {
	if (!Array.isArray(value) || value.length % 2 !== 0) return null;
	return value.every((n) => typeof n === 'number' && Number.isFinite(n)) ? value : null;
}

function readExtras(item: ItemMap): ItemExtras {
	const shape = item.get('shape');
	return {
		shape: (SHAPE_KINDS as readonly unknown[]).includes(shape) ? (shape as ShapeKind) : null,
		start: readEndpoint(item.get('start')),
		end: readEndpoint(item.get('end')),
		points: readPoints(item.get('points')),
		strokeWidth:
			typeof item.get('strokeWidth') === 'number' ? numberOr(item.get('strokeWidth'), 4) : null,
		collapsed: item.get('collapsed') === true,
		file: stringOr(item.get('file'), null)
	};
}

/** Reads an item as plain data, tolerating missing or malformed fields from other clients. */
export function readItem(id: string, item: ItemMap): ItemView | null {
	if (!((item as unknown) instanceof Y.Map)) return null;
	const type = item.get('type');
	if (typeof type !== 'string' || !(ITEM_TYPES as readonly string[]).includes(type)) return null;
	const text = item.get('text');
	const size = DEFAULT_SIZES[type as ItemType];
	return {
		id,
		type: type as ItemType,
		x: numberOr(item.get('x'), 0),
		y: numberOr(item.get('y'), 0),
		w: Math.max(0, numberOr(item.get('w'), size.w)),
		h: Math.max(0, numberOr(item.get('h'), size.h)),
		z: stringOr(item.get('z'), 'a0'),
		color: stringOr(item.get('color'), defaultColor(type as ItemType)),
		frame: stringOr(item.get('frame'), null),
		createdAt: numberOr(item.get('createdAt'), 0),
		category: stringOr(item.get('category'), null),
		text: text instanceof Y.Text ? text.toString() : '',
		...readExtras(item)
	};
}

/** Paint order: ascending z, then id. */
export function byPaintOrder(a: { z: string; id: string }, b: { z: string; id: string }): number {
	return a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : 1;
}

/** Where an endpoint is on the board, given the items by id (an attached end: the item's centre). */
export function endpointPoint(
	end: Endpoint | null,
	byId: ReadonlyMap<string, { x: number; y: number; w: number; h: number }>
): { x: number; y: number } | null {
	if (!end) return null;
	if ('item' in end) {
		const target = byId.get(end.item);
		return target ? { x: target.x + target.w / 2, y: target.y + target.h / 2 } : null;
	}
	return end;
}

/**
 * The views with each connector replaced by a copy carrying the box of its two resolved ends (so
 * culling and selection see it); other views are kept as they are. `byId` resolves the ends.
 */
export function placeConnectors(
	views: readonly ItemView[],
	byId: ReadonlyMap<string, ItemView> = new Map(views.map((view) => [view.id, view]))
): ItemView[] {
	return views.map((view) => {
		if (view.type !== 'connector') return view;
		const a = endpointPoint(view.start, byId) ?? { x: view.x, y: view.y };
		const b = endpointPoint(view.end, byId) ?? a;
		return {
			...view,
			x: Math.min(a.x, b.x),
			y: Math.min(a.y, b.y),
			w: Math.abs(a.x - b.x),
			h: Math.abs(a.y - b.y)
		};
	});
}

/** Every readable item as stored (connectors not placed), in paint order. */
export function readItems(doc: Y.Doc): ItemView[] {
	const views: ItemView[] = [];
	for (const [id, item] of itemEntries(doc)) {
		const view = readItem(id, item);
		if (view) views.push(view);
	}
	return views.sort(byPaintOrder);
}

/** Every readable item, in paint order; connectors carry the box of their resolved ends. */
export function listItems(doc: Y.Doc): ItemView[] {
	return placeConnectors(readItems(doc));
}

/** Number of objects on the board (stored with each snapshot). */
export function countItems(doc: Y.Doc): number {
	return itemsOf(doc).size;
}

/** Changes an item's colour. */
export function setItemColor(doc: Y.Doc, input: { id: string; color: string }): void {
	itemAt(doc, input.id)?.set('color', input.color);
}

/** Moves an item to `(x, y)` (alone: see `moveItems` for frames and selections). */
export function moveItem(doc: Y.Doc, input: { id: string; x: number; y: number }): void {
	const item = itemAt(doc, input.id);
	if (!item) return;
	doc.transact(() => {
		item.set('x', Math.round(input.x));
		item.set('y', Math.round(input.y));
	});
}

/** Puts an item above all others. */
export function bringToFront(doc: Y.Doc, id: string): void {
	const item = itemAt(doc, id);
	if (item) item.set('z', topZ(doc));
}

/** Deletes one item (alone: see `deleteItems` for connectors and frames). */
export function deleteItem(doc: Y.Doc, id: string): void {
	itemsOf(doc).delete(id);
}
