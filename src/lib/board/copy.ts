import { generateNKeysBetween } from 'fractional-indexing';
import type * as Y from 'yjs';
import {
	createItem,
	endpointPoint,
	listItems,
	readItems,
	zRange,
	type Endpoint,
	type ItemView
} from './schema.ts';

/**
 * Copies every item of one board document into another (a whole board, not a selection): the
 * server uses it to save a board as a template and to bring peer groups' boards onto the plenary.
 * Copies get new ids, and every link inside the copied set follows them: a child keeps its frame, a
 * connector stays attached to the copies of its two items.
 */

/** A point on the board, in board units. */
export interface Point {
	x: number;
	y: number;
}

/** How `copyBoardItems` places and labels the copies. */
export interface CopyOptions {
	/** Moves the copies by this offset, in board units (default: none). */
	offset?: Point;
	/** Frame of the target that receives the items that sat in no frame (default: none). */
	into?: string | null;
	/** The category each copy carries (default: the original's own). */
	category?: (view: ItemView) => string | null;
	/** Leaves image items out: their files belong to the source board (default: false). */
	withoutImages?: boolean;
	/** The target's id of an image's file (e.g. a copy of the file row); default: the same id. */
	files?: ReadonlyMap<string, string>;
	/** Creation time of the copies, in milliseconds since the epoch (default: now). */
	now?: number;
}

/** The smallest box holding every item of a document (connectors placed), or null when empty. */
export function contentBounds(doc: Y.Doc): { x: number; y: number; w: number; h: number } | null {
	const views = listItems(doc);
	if (views.length === 0) return null;
	const left = Math.min(...views.map((view) => view.x));
	const top = Math.min(...views.map((view) => view.y));
	const right = Math.max(...views.map((view) => view.x + view.w));
	const bottom = Math.max(...views.map((view) => view.y + view.h));
	return { x: left, y: top, w: right - left, h: bottom - top };
}

/**
 * An end of a copied connector: attached to the copy of its item when that item was copied, else
 * left at the point where the item was (an image left out), else moved with the copies.
 */
function copiedEnd(
	end: Endpoint | null,
	ids: ReadonlyMap<string, string>,
	byId: ReadonlyMap<string, ItemView>,
	offset: Point
): Endpoint | null {
	if (!end) return null;
	if ('item' in end) {
		const copy = ids.get(end.item);
		if (copy) return { item: copy };
	}
	const point = endpointPoint(end, byId);
	return point ? { x: point.x + offset.x, y: point.y + offset.y } : null;
}

/**
 * Copies `source`'s items into `target`, above everything already there, in one transaction of
 * `target`. Returns the ids of the copies by original id.
 */
export function copyBoardItems(
	target: Y.Doc,
	source: Y.Doc,
	options: CopyOptions = {}
): Map<string, string> {
	const offset = options.offset ?? { x: 0, y: 0 };
	const stored = readItems(source);
	const byId = new Map(stored.map((view) => [view.id, view]));
	const copied = stored.filter((view) => !(options.withoutImages && view.type === 'image'));
	const ids = new Map(copied.map((view) => [view.id, crypto.randomUUID()]));
	const keys = generateNKeysBetween(zRange(target).max, null, copied.length);
	const now = options.now ?? Date.now();
	target.transact(() => {
		copied.forEach((view, index) => {
			const { id, createdAt: _createdAt, ...fields } = view;
			createItem(target, {
				...fields,
				id: ids.get(id),
				x: view.x + offset.x,
				y: view.y + offset.y,
				z: keys[index],
				frame: (view.frame && ids.get(view.frame)) || (options.into ?? null),
				start: copiedEnd(view.start, ids, byId, offset),
				end: copiedEnd(view.end, ids, byId, offset),
				category: options.category ? options.category(view) : view.category,
				file: view.file ? (options.files?.get(view.file) ?? view.file) : null,
				now
			});
		});
	});
	return ids;
}
