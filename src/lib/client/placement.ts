import type { ItemView } from '../board/schema.ts';
import type { Point, Rect } from './viewport.ts';

/** Offset between notes created at the same spot, in board units, so none hides another. */
export const CASCADE_STEP = 24;

/**
 * Where a new note whose top-left corner is wanted at `at` goes: moved down and right by
 * `CASCADE_STEP` while a note already sits (almost) exactly there.
 */
export function freeSpot(items: readonly { x: number; y: number }[], at: Point): Point {
	let spot = { x: Math.round(at.x), y: Math.round(at.y) };
	const taken = (p: Point) =>
		items.some(
			(item) =>
				Math.abs(item.x - p.x) < CASCADE_STEP / 2 && Math.abs(item.y - p.y) < CASCADE_STEP / 2
		);
	for (let i = 0; i < 50 && taken(spot); i++) {
		spot = { x: spot.x + CASCADE_STEP, y: spot.y + CASCADE_STEP };
	}
	return spot;
}

/** Ids of the items hidden inside collapsed frames (recursively). */
export function hiddenByCollapse(items: readonly ItemView[]): Set<string> {
	const collapsed = new Set(
		items.filter((i) => i.type === 'frame' && i.collapsed).map((i) => i.id)
	);
	const hidden = new Set<string>();
	if (collapsed.size === 0) return hidden;
	const parent = new Map(items.map((item) => [item.id, item.frame]));
	for (const item of items) {
		let at = item.frame;
		for (let depth = 0; at && depth < 8; depth++, at = parent.get(at) ?? null) {
			if (collapsed.has(at)) {
				hidden.add(item.id);
				break;
			}
		}
	}
	return hidden;
}

/** True when `inner` lies wholly inside `outer`. */
export function containsRect(outer: Rect, inner: Rect): boolean {
	return (
		inner.x >= outer.x &&
		inner.y >= outer.y &&
		inner.x + inner.w <= outer.x + outer.w &&
		inner.y + inner.h <= outer.y + outer.h
	);
}

/** Items by id. */
export function indexById(items: readonly ItemView[]): Map<string, ItemView> {
	return new Map(items.map((item) => [item.id, item]));
}

/** The items whose id is in `ids`, in their original order. */
export function pickItems(items: readonly ItemView[], ids: readonly string[]): ItemView[] {
	const wanted = new Set(ids);
	return items.filter((item) => wanted.has(item.id));
}

/** `items` followed by those of `extra` it does not hold yet (a new array). */
export function withItems(items: readonly ItemView[], extra: readonly ItemView[]): ItemView[] {
	const shown = new Set(items.map((item) => item.id));
	return [...items, ...extra.filter((item) => !shown.has(item.id))];
}

/** Both lists of ids, without repeats, in order. */
export function union(a: readonly string[], b: readonly string[]): string[] {
	return [...new Set([...a, ...b])];
}

/** Of the new ids, those not inside a frame that is itself new (what a paste selects). */
export function topLevel(items: readonly ItemView[], ids: readonly string[]): string[] {
	const created = new Set(ids);
	return items.filter((i) => created.has(i.id) && !created.has(i.frame ?? '')).map((i) => i.id);
}

/** The centre of each box. */
export function centres(boxes: readonly Rect[]): Point[] {
	return boxes.map((box) => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 }));
}
