import { generateNKeysBetween } from 'fractional-indexing';
import type * as Y from 'yjs';
import { centreInside, type Placement } from './layout.ts';
import {
	MIN_ITEM_SIZE,
	STICKY_SIZES,
	byPaintOrder,
	endpointPoint,
	itemAt,
	itemEntries,
	itemsOf,
	listItems,
	readEndpoint,
	zRange,
	type ItemMap,
	type ItemView,
	type StickySize
} from './schema.ts';

/**
 * Edits of one or more items that keep the board consistent: a frame carries its children, a
 * connector keeps its ends, z keys keep the selection's own order. Each runs in one transaction, so
 * a caller's origin (and undo step) covers it all.
 */

/** Frames nest at most this deep when collecting descendants (guards against cycles). */
const MAX_FRAME_DEPTH = 8;

/** `ids` plus, for every frame among them, everything inside it (recursively). */
export function withDescendants(doc: Y.Doc, ids: Iterable<string>): Set<string> {
	const result = new Set(ids);
	let frontier = [...result].filter((id) => itemAt(doc, id)?.get('type') === 'frame');
	for (let depth = 0; frontier.length > 0 && depth < MAX_FRAME_DEPTH; depth++) {
		const parents = new Set(frontier);
		frontier = [];
		for (const [id, item] of itemEntries(doc)) {
			const parent = item.get('frame');
			if (typeof parent !== 'string' || !parents.has(parent) || result.has(id)) continue;
			result.add(id);
			if (item.get('type') === 'frame') frontier.push(id);
		}
	}
	return result;
}

function shift(item: ItemMap, dx: number, dy: number): void {
	const x = item.get('x');
	const y = item.get('y');
	if (typeof x === 'number') item.set('x', Math.round(x + dx));
	if (typeof y === 'number') item.set('y', Math.round(y + dy));
	for (const key of ['start', 'end'] as const) {
		const end = readEndpoint(item.get(key));
		if (end && 'x' in end) item.set(key, { x: Math.round(end.x + dx), y: Math.round(end.y + dy) });
	}
}

/**
 * Moves items by `(dx, dy)` board units; frames carry their children, free connector ends move with
 * a selected connector. Afterwards each moved item belongs to the frame its centre lies in (unless
 * `reparent` is false).
 */
export function moveItems(
	doc: Y.Doc,
	input: {
		ids: Iterable<string>;
		dx: number;
		dy: number;
		/** False during a drag (cheaper): call `reparent` when it ends. */
		reparent?: boolean;
	}
) {
	const moved = withDescendants(doc, input.ids);
	doc.transact(() => {
		for (const id of moved) {
			const item = itemAt(doc, id);
			if (item) shift(item, input.dx, input.dy);
		}
		reparent(
			doc,
			[...moved].filter((id) => !moved.has(String(itemAt(doc, id)?.get('frame'))))
		);
	});
}

/** Moves items to new top-left corners (align, distribute); frames carry their children. */
export function placeItems(doc: Y.Doc, placement: Placement): void {
	const views = new Map(listItems(doc).map((view) => [view.id, view]));
	doc.transact(() => {
		for (const [id, to] of placement) {
			const view = views.get(id);
			if (view) moveItems(doc, { ids: [id], dx: to.x - view.x, dy: to.y - view.y });
		}
	});
}

/**
 * Puts each item (frames and connectors aside) in the topmost frame that holds its centre, or in
 * none. Called after moves and creations.
 */
export function reparent(doc: Y.Doc, ids: Iterable<string>): void {
	const views = listItems(doc);
	const frames = views.filter((view) => view.type === 'frame').reverse();
	const byId = new Map(views.map((view) => [view.id, view]));
	doc.transact(() => {
		for (const id of ids) {
			const view = byId.get(id);
			if (!view || view.type === 'frame' || view.type === 'connector') continue;
			const parent = frames.find((frame) => centreInside(view, frame))?.id ?? null;
			if (parent !== view.frame) itemAt(doc, id)?.set('frame', parent);
		}
	});
}

/** Resizes an item to a box (at least MIN_ITEM_SIZE each way); a stroke's points scale with it. */
export function resizeItem(
	doc: Y.Doc,
	input: { id: string; x: number; y: number; w: number; h: number }
): void {
	const item = itemAt(doc, input.id);
	if (!item) return;
	const w = Math.max(MIN_ITEM_SIZE, Math.round(input.w));
	const h = Math.max(MIN_ITEM_SIZE, Math.round(input.h));
	doc.transact(() => {
		const points = item.get('points');
		const oldW = item.get('w');
		const oldH = item.get('h');
		if (Array.isArray(points) && typeof oldW === 'number' && typeof oldH === 'number') {
			const sx = oldW > 0 ? w / oldW : 1;
			const sy = oldH > 0 ? h / oldH : 1;
			item.set(
				'points',
				points.map(
					(value: number, i) => Math.round((i % 2 === 0 ? value * sx : value * sy) * 10) / 10
				)
			);
		}
		item.set('x', Math.round(input.x));
		item.set('y', Math.round(input.y));
		item.set('w', w);
		item.set('h', h);
	});
}

/** Gives a sticky note one of the standard sizes, keeping its centre. */
export function setStickySize(doc: Y.Doc, input: { id: string; size: StickySize }): void {
	const item = itemAt(doc, input.id);
	if (!item || item.get('type') !== 'sticky') return;
	const size = STICKY_SIZES[input.size];
	const x = Number(item.get('x')) || 0;
	const y = Number(item.get('y')) || 0;
	const cx = x + (Number(item.get('w')) || 0) / 2;
	const cy = y + (Number(item.get('h')) || 0) / 2;
	resizeItem(doc, { id: input.id, x: cx - size.w / 2, y: cy - size.h / 2, ...size });
}

/** Collapses a frame into its header (children hidden) or opens it again. */
export function setCollapsed(doc: Y.Doc, input: { id: string; collapsed: boolean }): void {
	const item = itemAt(doc, input.id);
	if (item?.get('type') === 'frame') item.set('collapsed', input.collapsed);
}

/** Recolours several items. */
export function setColors(doc: Y.Doc, input: { ids: Iterable<string>; color: string }): void {
	doc.transact(() => {
		for (const id of input.ids) itemAt(doc, id)?.set('color', input.color);
	});
}

function restack(doc: Y.Doc, ids: Iterable<string>, where: 'front' | 'back'): void {
	const wanted = new Set(ids);
	const chosen = listItems(doc).filter((view) => wanted.has(view.id));
	if (chosen.length === 0) return;
	const { min, max } = zRange(doc);
	const keys =
		where === 'front'
			? generateNKeysBetween(max, null, chosen.length)
			: generateNKeysBetween(null, min, chosen.length);
	doc.transact(() => chosen.forEach((view, i) => itemAt(doc, view.id)?.set('z', keys[i])));
}

/** Paints the items above all others, keeping their order among themselves. */
export function bringItemsToFront(doc: Y.Doc, ids: Iterable<string>): void {
	restack(doc, ids, 'front');
}

/** Paints the items below all others, keeping their order among themselves. */
export function sendItemsToBack(doc: Y.Doc, ids: Iterable<string>): void {
	restack(doc, ids, 'back');
}

/**
 * Deletes items. A deleted frame's children stay on the board (outside any frame); a connector
 * attached to a deleted item keeps a free end where that item's centre was.
 */
export function deleteItems(doc: Y.Doc, ids: Iterable<string>): void {
	const gone = new Set(ids);
	const items = itemsOf(doc);
	const byId = new Map(listItems(doc).map((view) => [view.id, view]));
	doc.transact(() => {
		for (const [id, item] of itemEntries(doc)) {
			if (gone.has(id)) continue;
			if (gone.has(String(item.get('frame')))) item.set('frame', null);
			for (const key of ['start', 'end'] as const) {
				const end = readEndpoint(item.get(key));
				if (!end || !('item' in end) || !gone.has(end.item)) continue;
				const point = endpointPoint(end, byId);
				item.set(key, point ? { x: Math.round(point.x), y: Math.round(point.y) } : null);
			}
		}
		for (const id of gone) items.delete(id);
	});
}

/** The selected items in paint order (helper for the clipboard and duplication). */
export function selectedViews(doc: Y.Doc, ids: Iterable<string>): ItemView[] {
	const wanted = withDescendants(doc, ids);
	return listItems(doc)
		.filter((view) => wanted.has(view.id))
		.sort(byPaintOrder);
}
