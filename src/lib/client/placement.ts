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

/** Free space kept between a new object and its neighbours, in board units. */
export const PLACEMENT_GAP = 16;
/** How many rings of candidate spots `freeRect` tries around the wanted one. */
const PLACEMENT_RINGS = 30;

const overlaps = (a: Rect, b: Rect, gap: number) =>
	a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/**
 * Where a new object of size `want.w × want.h`, wanted with its top-left corner at `want.x, want.y`
 * (the centre of the person's view), goes: that spot when it overlaps none of `boxes` (with `gap`
 * around), else the nearest free spot on rings of candidates around it, tried nearest first. Frames
 * should not be passed as boxes (objects go inside them); with `within`, spots inside that frame
 * are tried first. Falls back to the wanted spot when the
 * whole search area is full.
 */
export function freeRect(input: {
	boxes: readonly Rect[];
	want: Rect;
	gap?: number;
	/** The frame the object is wanted in: free spots inside it come first. */
	within?: Rect | null;
}): Point {
	const { want } = input;
	const gap = input.gap ?? PLACEMENT_GAP;
	const start = { x: Math.round(want.x), y: Math.round(want.y) };
	const step = { x: Math.round((want.w + gap) / 2), y: Math.round((want.h + gap) / 2) };
	const reach = PLACEMENT_RINGS * Math.max(step.x, step.y) + Math.max(want.w, want.h);
	const near = input.boxes.filter(
		(box) => Math.abs(box.x - start.x) < reach + box.w && Math.abs(box.y - start.y) < reach + box.h
	);
	const free = (p: Point) => !near.some((box) => overlaps({ ...want, ...p }, box, gap));
	const within = input.within;
	if (within) {
		const inside = (p: Point) => containsRect(within, { ...want, ...p });
		const spot = search(start, step, (p) => inside(p) && free(p));
		if (spot) return spot;
	}
	return search(start, step, free) ?? start;
}

/** The first spot `ok` accepts, on rings around `start` `step` apart, nearest first. */
function search(start: Point, step: Point, ok: (p: Point) => boolean): Point | null {
	if (ok(start)) return start;
	for (let ring = 1; ring <= PLACEMENT_RINGS; ring++) {
		const spots: Point[] = [];
		for (let i = -ring; i <= ring; i++) {
			for (let j = -ring; j <= ring; j++) {
				if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
				spots.push({ x: start.x + i * step.x, y: start.y + j * step.y });
			}
		}
		spots.sort((a, b) => distance(a, start) - distance(b, start));
		const spot = spots.find(ok);
		if (spot) return spot;
	}
	return null;
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** The smallest frame holding `point`, or null (where a new object is wanted). */
export function frameAt(items: readonly ItemView[], point: Point): ItemView | null {
	const frames = items.filter(
		(item) =>
			item.type === 'frame' &&
			point.x >= item.x &&
			point.x <= item.x + item.w &&
			point.y >= item.y &&
			point.y <= item.y + item.h
	);
	return frames.sort((a, b) => a.w * a.h - b.w * b.h)[0] ?? null;
}

/** The objects a new one must not cover: all but frames, arrows and empty boxes. */
export function obstacles(items: readonly ItemView[]): Rect[] {
	return items.filter((item) => item.type !== 'frame' && item.type !== 'connector' && item.w > 0);
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
