/**
 * Pure geometry of board objects: alignment, distribution, containment and text fitting. No Yjs
 * here: `operations.ts` writes the results into the document.
 */

/** A box in board units. */
export interface Box {
	id: string;
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Ways to line a selection up. */
export const ALIGNMENTS = ['left', 'center', 'right', 'top', 'middle', 'bottom'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

/** Axes along which a selection can be spread evenly. */
export type Axis = 'horizontal' | 'vertical';

/** New top-left corners, by id, only for boxes that move. */
export type Placement = Map<string, { x: number; y: number }>;

function bounds(boxes: readonly Box[]) {
	const left = Math.min(...boxes.map((b) => b.x));
	const top = Math.min(...boxes.map((b) => b.y));
	const right = Math.max(...boxes.map((b) => b.x + b.w));
	const bottom = Math.max(...boxes.map((b) => b.y + b.h));
	return { left, top, right, bottom };
}

/** Where each box goes to line up on one edge or centre line of the selection's bounds. */
export function align(boxes: readonly Box[], how: Alignment): Placement {
	const placement: Placement = new Map();
	if (boxes.length < 2) return placement;
	const { left, top, right, bottom } = bounds(boxes);
	for (const box of boxes) {
		let { x, y } = box;
		if (how === 'left') x = left;
		else if (how === 'right') x = right - box.w;
		else if (how === 'center') x = (left + right) / 2 - box.w / 2;
		else if (how === 'top') y = top;
		else if (how === 'bottom') y = bottom - box.h;
		else y = (top + bottom) / 2 - box.h / 2;
		x = Math.round(x);
		y = Math.round(y);
		if (x !== box.x || y !== box.y) placement.set(box.id, { x, y });
	}
	return placement;
}

/**
 * Where each box goes so that the gaps between neighbours along `axis` are equal; the first and
 * last boxes stay put. Needs three boxes or more.
 */
export function distribute(boxes: readonly Box[], axis: Axis): Placement {
	const placement: Placement = new Map();
	if (boxes.length < 3) return placement;
	const pos = (b: Box) => (axis === 'horizontal' ? b.x : b.y);
	const size = (b: Box) => (axis === 'horizontal' ? b.w : b.h);
	const sorted = [...boxes].sort((a, b) => pos(a) - pos(b) || (a.id < b.id ? -1 : 1));
	const first = sorted[0] as Box;
	const last = sorted[sorted.length - 1] as Box;
	const occupied = sorted.reduce((sum, b) => sum + size(b), 0);
	const gap = (pos(last) + size(last) - pos(first) - occupied) / (sorted.length - 1);
	let cursor = pos(first);
	for (const box of sorted) {
		const at = Math.round(cursor);
		cursor += size(box) + gap;
		if (at === pos(box)) continue;
		placement.set(box.id, axis === 'horizontal' ? { x: at, y: box.y } : { x: box.x, y: at });
	}
	return placement;
}

/** True when the centre of `inner` lies inside `outer`. */
export function centreInside(inner: Box, outer: Box): boolean {
	const cx = inner.x + inner.w / 2;
	const cy = inner.y + inner.h / 2;
	return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
}

/** Largest and smallest font sizes text is fitted between, in board units. */
export const MAX_FONT_SIZE = 28;
export const MIN_FONT_SIZE = 10;
/** Average glyph width as a share of the font size, and line height, for the estimate. */
const GLYPH_WIDTH = 0.55;
const LINE_HEIGHT = 1.3;

/** Lines `text` wraps into at `fontSize` in `width` units (estimate from an average glyph width). */
export function wrappedLines(text: string, width: number, fontSize: number): number {
	const perLine = Math.max(1, Math.floor(width / (fontSize * GLYPH_WIDTH)));
	let lines = 0;
	for (const paragraph of text.split('\n')) {
		let line = 0;
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			const length = word.length;
			if (line === 0) line = length;
			else if (line + 1 + length <= perLine) line += 1 + length;
			else {
				lines += Math.ceil(line / perLine);
				line = length;
			}
		}
		lines += Math.max(1, Math.ceil(line / perLine));
	}
	return lines;
}

/**
 * True when `text` has more visible characters than a `width` × `height` box holds even at
 * MIN_FONT_SIZE (a line holds at most `perLine` of them): then no size fits, and a long text need
 * not be wrapped once per size. Counting stops as soon as the answer is known.
 */
function overflowsAtMinimum(text: string, width: number, height: number): boolean {
	const perLine = Math.max(1, Math.floor(width / (MIN_FONT_SIZE * GLYPH_WIDTH)));
	const capacity = Math.floor(height / (MIN_FONT_SIZE * LINE_HEIGHT)) * perLine;
	if (text.length <= capacity) return false;
	let visible = 0;
	for (let i = 0; i < text.length; i++) {
		if (!isSpace(text.charCodeAt(i)) && ++visible > capacity) return true;
	}
	return false;
}

/** What `/\s/` matches, for one UTF-16 code unit (without a regular expression per character). */
function isSpace(code: number): boolean {
	if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
	if (code < 0xa0) return false;
	return (
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}

/**
 * The largest font size (whole units, between MIN and MAX_FONT_SIZE) at which `text` fits in a box
 * of `width` × `height` units: sticky notes shrink their text instead of hiding it.
 */
export function fitFontSize(text: string, width: number, height: number): number {
	if (overflowsAtMinimum(text, width, height)) return MIN_FONT_SIZE;
	for (let size = MAX_FONT_SIZE; size > MIN_FONT_SIZE; size--) {
		if (wrappedLines(text, width, size) * size * LINE_HEIGHT <= height) return size;
	}
	return MIN_FONT_SIZE;
}
