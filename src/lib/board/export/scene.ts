import { getStroke } from 'perfect-freehand';
import { fitFontSize } from '../layout.ts';
import { endpointPoint, listItems, type ItemView } from '../schema.ts';
import type * as Y from 'yjs';
import { NOTE_TEXT_COLOR, inkColor, noteBackground, noteBorder } from '../note-palette.ts';
import { strokeOutline } from '../stroke-path.ts';
import { LINE_HEIGHT, linesThatFit, wrapText } from './text-wrap.ts';

/**
 * A board as a flat list of drawing primitives in board units, in paint order: what every vector
 * export (SVG, PDF) draws. Kinds look like the canvas (`CanvasItem.svelte` and `items/`): same
 * palette, outlines, arrow heads and perfect-freehand strokes. Pure and isomorphic.
 *
 * Frames are drawn expanded even when collapsed on the canvas: an export is a record of the work,
 * a folded frame must not hide anyone's contribution.
 */

/** Fill and outline of a closed primitive. */
export interface Paint {
	fill: string | null;
	/** 0–1; 1 when absent. */
	fillOpacity?: number;
	stroke: string | null;
	strokeWidth: number;
}

/** One drawing primitive, in board units. */
export type Primitive =
	| ({ kind: 'rect'; x: number; y: number; w: number; h: number; radius: number } & Paint)
	| ({ kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number } & Paint)
	| ({ kind: 'polygon'; points: Array<[number, number]> } & Paint)
	| { kind: 'path'; d: string; fill: string }
	| { kind: 'polyline'; points: Array<[number, number]>; stroke: string; strokeWidth: number }
	| {
			kind: 'text';
			/** Left edge (or centre when `align` is `middle`) and baseline of the first line. */
			x: number;
			y: number;
			lines: string[];
			fontSize: number;
			bold: boolean;
			color: string;
			align: 'start' | 'middle';
	  }
	| { kind: 'image'; x: number; y: number; w: number; h: number; file: string; alt: string };

/**
 * A board ready to draw: its primitives and the box they fit in (margin included). The primitives
 * are made item by item as they are iterated (each iteration makes them again), so an export of
 * the largest board holds one item's wrapped lines at a time, not every note's.
 */
export interface Scene {
	x: number;
	y: number;
	width: number;
	height: number;
	primitives: Iterable<Primitive>;
}

/** Space around the drawn items, in board units. */
export const SCENE_MARGIN = 40;
/** Height of a frame's header band, like the canvas. */
const FRAME_HEAD = 40;
const FRAME_BORDER = '#8a94a3';
const CAPTION_SIZE = 14;
const CATEGORY_SIZE = 12;
const TEXT_SIZE = 20;
const LABEL_SIZE = 16;

/** A block of wrapped text whose first baseline sits one font size below `top`. */
function textBlock(input: {
	text: string;
	x: number;
	top: number;
	width: number;
	fontSize: number;
	color: string;
	bold?: boolean;
	align?: 'start' | 'middle';
	/** Most lines drawn (what overflows the box is hidden, as on the canvas); default: all. */
	maxLines?: number;
}): Primitive {
	const { text, width, fontSize, maxLines } = input;
	const lines = wrapText({ text, width, fontSize, maxLines });
	return {
		kind: 'text',
		x: input.x,
		y: input.top + input.fontSize,
		lines,
		fontSize: input.fontSize,
		bold: input.bold ?? false,
		color: input.color,
		align: input.align ?? 'start'
	};
}

function sticky(item: ItemView, categoryLabel: (category: string | null) => string): Primitive[] {
	const fontSize = fitFontSize(item.text, item.w - 20, item.h - 36);
	const head = { x: item.x + 10, width: item.w - 20, color: NOTE_TEXT_COLOR };
	return [
		{
			kind: 'rect',
			...{ x: item.x, y: item.y, w: item.w, h: item.h, radius: 4 },
			fill: noteBackground(item.color),
			stroke: noteBorder(item.color),
			strokeWidth: 1
		},
		textBlock({
			...head,
			text: categoryLabel(item.category).toUpperCase(),
			top: item.y + 6,
			fontSize: CATEGORY_SIZE,
			bold: true,
			maxLines: 1
		}),
		textBlock({
			...head,
			text: item.text,
			top: item.y + 26,
			fontSize,
			maxLines: linesThatFit(item.h - 36, fontSize)
		})
	];
}

function shapeOutline(item: ItemView): Primitive {
	const paint = { fill: noteBackground(item.color), stroke: inkColor('ink'), strokeWidth: 2 };
	const { x, y, w, h } = item;
	if (item.shape === 'ellipse') {
		return { kind: 'ellipse', cx: x + w / 2, cy: y + h / 2, rx: w / 2, ry: h / 2, ...paint };
	}
	if (item.shape === 'diamond') {
		const points: Array<[number, number]> = [
			[x + w / 2, y],
			[x + w, y + h / 2],
			[x + w / 2, y + h],
			[x, y + h / 2]
		];
		return { kind: 'polygon', points, ...paint };
	}
	return { kind: 'rect', x, y, w, h, radius: 3, ...paint };
}

function shape(item: ItemView): Primitive[] {
	const width = item.w * 0.72;
	const maxLines = linesThatFit(item.h * 0.76, LABEL_SIZE);
	const lines = wrapText({ text: item.text, width, fontSize: LABEL_SIZE, maxLines });
	const top = item.y + item.h / 2 - (lines.length * LABEL_SIZE * LINE_HEIGHT) / 2;
	return [
		shapeOutline(item),
		textBlock({
			text: item.text,
			x: item.x + item.w / 2,
			top,
			width,
			fontSize: LABEL_SIZE,
			color: NOTE_TEXT_COLOR,
			align: 'middle',
			maxLines
		})
	];
}

function frame(item: ItemView): Primitive[] {
	const box = { x: item.x, y: item.y, w: item.w, radius: 6 };
	return [
		{
			kind: 'rect',
			...box,
			h: item.h,
			fill: '#ffffff',
			fillOpacity: 0.55,
			stroke: null,
			strokeWidth: 0
		},
		{ kind: 'rect', ...box, h: FRAME_HEAD, fill: '#ffffff', stroke: '#c3c9d2', strokeWidth: 1 },
		{ kind: 'rect', ...box, h: item.h, fill: null, stroke: FRAME_BORDER, strokeWidth: 2 },
		textBlock({
			text: item.text.replace(/\s+/g, ' '),
			x: item.x + 12,
			top: item.y + 10,
			width: Math.max(1, item.w - 24),
			fontSize: LABEL_SIZE,
			color: NOTE_TEXT_COLOR,
			bold: true,
			maxLines: 1
		})
	];
}

function image(item: ItemView): Primitive[] {
	const captionHeight = item.text ? CAPTION_SIZE * LINE_HEIGHT + 8 : 0;
	const box = { x: item.x, y: item.y, w: item.w, h: Math.max(0, item.h - captionHeight) };
	const primitives: Primitive[] = [
		{ kind: 'image', ...box, file: item.file ?? '', alt: item.text }
	];
	if (item.text) {
		primitives.push(
			textBlock({
				text: item.text.replace(/\s+/g, ' '),
				x: item.x + 4,
				top: item.y + item.h - captionHeight + 4,
				width: Math.max(1, item.w - 8),
				fontSize: CAPTION_SIZE,
				color: NOTE_TEXT_COLOR,
				maxLines: 1
			})
		);
	}
	return primitives;
}

function connector(item: ItemView, byId: ReadonlyMap<string, ItemView>): Primitive[] {
	const a = endpointPoint(item.start, byId);
	const b = endpointPoint(item.end, byId);
	if (!a || !b) return [];
	const angle = Math.atan2(b.y - a.y, b.x - a.x);
	const wing = (turn: number): [number, number] => [
		b.x - 14 * Math.cos(angle + turn),
		b.y - 14 * Math.sin(angle + turn)
	];
	const stroke = inkColor(item.color);
	return [
		{
			kind: 'polyline',
			points: [
				[a.x, a.y],
				[b.x, b.y]
			],
			stroke,
			strokeWidth: 2.5
		},
		{
			kind: 'polyline',
			points: [wing(Math.PI / 7), [b.x, b.y], wing(-Math.PI / 7)],
			stroke,
			strokeWidth: 2.5
		}
	];
}

function pen(item: ItemView): Primitive[] {
	const points = (item.points ?? []).map((n, i) => n + (i % 2 === 0 ? item.x : item.y));
	const d = strokeOutline(getStroke, points, item.strokeWidth ?? 4);
	return d ? [{ kind: 'path', d, fill: inkColor(item.color) }] : [];
}

/** The primitives of one item. */
function primitivesOf(
	item: ItemView,
	byId: ReadonlyMap<string, ItemView>,
	categoryLabel: (category: string | null) => string
): Primitive[] {
	switch (item.type) {
		case 'sticky':
			return sticky(item, categoryLabel);
		case 'text':
			return [
				textBlock({
					text: item.text,
					x: item.x,
					top: item.y,
					width: item.w,
					fontSize: TEXT_SIZE,
					color: inkColor(item.color),
					maxLines: linesThatFit(item.h, TEXT_SIZE)
				})
			];
		case 'shape':
			return shape(item);
		case 'frame':
			return frame(item);
		case 'image':
			return image(item);
		case 'connector':
			return connector(item, byId);
		case 'stroke':
			return pen(item);
	}
}

/** The box around items, margin included (a small empty box for an empty board). */
function sceneBox(items: readonly ItemView[]): Omit<Scene, 'primitives'> {
	if (items.length === 0) return { x: 0, y: 0, width: 2 * SCENE_MARGIN, height: 2 * SCENE_MARGIN };
	const pad = (item: ItemView) => (item.type === 'stroke' ? (item.strokeWidth ?? 4) * 2 : 0);
	const left = Math.min(...items.map((i) => i.x - pad(i)));
	const top = Math.min(...items.map((i) => i.y - pad(i)));
	const right = Math.max(...items.map((i) => i.x + i.w + pad(i)));
	const bottom = Math.max(...items.map((i) => i.y + i.h + pad(i)));
	return {
		x: left - SCENE_MARGIN,
		y: top - SCENE_MARGIN,
		width: right - left + 2 * SCENE_MARGIN,
		height: bottom - top + 2 * SCENE_MARGIN
	};
}

/** Input of `boardScene`. */
export interface SceneInput {
	doc: Y.Doc;
	/** Draw only this frame and what it holds (null or absent: the whole board). */
	frameId?: string | null;
	/** The label a category is shown with on notes (default: the raw category, or none). */
	categoryLabel?: (category: string | null) => string;
}

/** The board (or one frame) as drawing primitives in paint order, and the box around them. */
export function boardScene(input: SceneInput): Scene {
	const all = listItems(input.doc);
	const byId = new Map(all.map((item) => [item.id, item]));
	const frameId = input.frameId ?? null;
	const items = frameId ? all.filter((item) => item.id === frameId || item.frame === frameId) : all;
	const label = input.categoryLabel ?? ((category: string | null) => category ?? '');
	return {
		...sceneBox(items),
		primitives: {
			*[Symbol.iterator]() {
				for (const item of items) yield* primitivesOf(item, byId, label);
			}
		}
	};
}
