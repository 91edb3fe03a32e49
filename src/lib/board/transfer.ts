import { generateNKeysBetween } from 'fractional-indexing';
import type * as Y from 'yjs';
import * as z from 'zod';
import { reparent, selectedViews } from './operations.ts';
import {
	createItem,
	type Endpoint,
	endpointPoint,
	ITEM_TYPES,
	type ItemView,
	listItems,
	MAX_TEXT_CHARS,
	SHAPE_KINDS,
	STICKY_SIZE,
	zRange
} from './schema.ts';

/**
 * Copy, paste and duplicate: items travel as a versioned JSON payload (the clipboard's
 * `text/plain`, since browsers only guarantee that type), within a board or between boards.
 */

/** Marker of a Croisée clipboard payload. */
export const CLIPBOARD_FORMAT = 'croisee/items';
/** Most items one paste creates (a bigger clipboard is refused rather than freezing the page). */
export const MAX_PASTE_ITEMS = 500;
/** Longest text an item may carry through the clipboard (and a paste may write), in characters. */
export const MAX_TEXT = MAX_TEXT_CHARS;
/** Offset of a duplicate from its original, in board units. */
export const DUPLICATE_OFFSET = 24;

const finite = z.number().finite();
const endpoint = z.union([
	z.object({ item: z.string().max(64), x: finite.optional(), y: finite.optional() }),
	z.object({ x: finite, y: finite })
]);
const itemSchema = z.object({
	id: z.string().max(64),
	type: z.enum(ITEM_TYPES),
	x: finite,
	y: finite,
	w: finite.min(0).max(100_000),
	h: finite.min(0).max(100_000),
	color: z.string().max(32),
	frame: z.string().max(64).nullable(),
	text: z.string().max(MAX_TEXT),
	shape: z.enum(SHAPE_KINDS).nullable().optional(),
	start: endpoint.nullable().optional(),
	end: endpoint.nullable().optional(),
	points: z.array(finite).max(20_000).nullable().optional(),
	strokeWidth: finite.nullable().optional(),
	collapsed: z.boolean().optional(),
	file: z.string().max(64).nullable().optional()
});
const payloadSchema = z.object({
	format: z.literal(CLIPBOARD_FORMAT),
	version: z.literal(1),
	board: z.string().max(64).optional(),
	items: z.array(itemSchema).max(MAX_PASTE_ITEMS)
});

/** Items as they travel: an attached end also carries its last position, for other boards. */
export type ClipboardPayload = z.infer<typeof payloadSchema>;
type ClipItem = ClipboardPayload['items'][number];

/** The clipboard payload of the selected items (frames bring their contents). */
export function exportItems(doc: Y.Doc, ids: Iterable<string>, board?: string): ClipboardPayload {
	const byId = new Map(listItems(doc).map((view) => [view.id, view]));
	const portable = (end: Endpoint | null) => {
		if (!end || !('item' in end)) return end;
		const point = endpointPoint(end, byId);
		return point ? { item: end.item, x: point.x, y: point.y } : end;
	};
	const items = selectedViews(doc, ids).map((view: ItemView) => ({
		id: view.id,
		type: view.type,
		x: view.x,
		y: view.y,
		w: view.w,
		h: view.h,
		color: view.color,
		frame: view.frame,
		text: view.text,
		shape: view.shape,
		start: portable(view.start),
		end: portable(view.end),
		points: view.points,
		strokeWidth: view.strokeWidth,
		collapsed: view.collapsed,
		file: view.file
	}));
	return { format: CLIPBOARD_FORMAT, version: 1, board, items };
}

/** Reads a clipboard text as a Croisée payload, or null when it is anything else. */
export function parseClipboard(text: string): ClipboardPayload | null {
	if (!text.trimStart().startsWith('{')) return null;
	try {
		const parsed = payloadSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

function remapEnd(end: ClipItem['start'], ids: Map<string, string>, keep: (id: string) => boolean) {
	if (!end) return null;
	if ('item' in end) {
		const mapped = ids.get(end.item);
		if (mapped) return { item: mapped };
		if (keep(end.item)) return { item: end.item };
		return end.x !== undefined && end.y !== undefined ? { x: end.x, y: end.y } : null;
	}
	return end;
}

/**
 * Adds a payload's items to the board, moved by `(dx, dy)`, with new ids and above everything;
 * links inside the payload (frame, connector ends) follow the new ids. Returns the new ids.
 */
export function importItems(
	doc: Y.Doc,
	input: {
		payload: ClipboardPayload;
		dx: number;
		dy: number;
		category?: string | null;
		now?: number;
		/** False when pasting into another board: files and outside links are not shared. */
		sameBoard: boolean;
		/**
		 * Into another board: the copies of the payload's files made for it (source file id → copy's
		 * id); an image whose file was not copied is left out.
		 */
		files?: ReadonlyMap<string, string>;
	}
): string[] {
	const { payload, dx, dy } = input;
	const ids = new Map(payload.items.map((item) => [item.id, crypto.randomUUID()]));
	const existing = (id: string) => input.sameBoard && doc.getMap('items').has(id);
	const keys = generateNKeysBetween(zRange(doc).max, null, payload.items.length);
	doc.transact(() => {
		payload.items.forEach((item, i) => {
			const file = input.sameBoard ? item.file : item.file && input.files?.get(item.file);
			if (item.type === 'image' && !file) return;
			const start = remapEnd(item.start, ids, existing);
			const end = remapEnd(item.end, ids, existing);
			createItem(doc, {
				...item,
				file,
				id: ids.get(item.id),
				x: item.x + dx,
				y: item.y + dy,
				z: keys[i],
				frame: item.frame ? (ids.get(item.frame) ?? null) : null,
				start: start && 'x' in start ? { x: start.x + dx, y: start.y + dy } : start,
				end: end && 'x' in end ? { x: end.x + dx, y: end.y + dy } : end,
				category: input.category ?? null,
				now: input.now
			});
		});
		reparent(doc, ids.values());
	});
	return [...ids.values()].filter((id) => doc.getMap('items').has(id));
}

/** Duplicates items (and frames' contents) next to the originals; returns the new ids. */
export function duplicateItems(
	doc: Y.Doc,
	input: { ids: Iterable<string>; category?: string | null }
): string[] {
	const payload = exportItems(doc, input.ids);
	return importItems(doc, {
		payload,
		dx: DUPLICATE_OFFSET,
		dy: DUPLICATE_OFFSET,
		category: input.category,
		sameBoard: true
	});
}

/** Most notes one plain-text paste creates. */
export const MAX_PASTED_LINES = 100;
/** Gap between notes pasted from text, in board units. */
const NOTE_GAP = 20;
/** Notes per row when pasting text. */
const NOTES_PER_ROW = 5;

/** The non-empty lines of pasted plain text, trimmed, at most `MAX_PASTED_LINES`. */
export function pastedLines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim().slice(0, MAX_TEXT))
		.filter(Boolean)
		.slice(0, MAX_PASTED_LINES);
}

/** Top-left corner of the `index`-th note pasted from text, in a grid whose corner is `at`. */
export function pastedNoteSpot(at: { x: number; y: number }, index: number) {
	return {
		x: at.x + (index % NOTES_PER_ROW) * (STICKY_SIZE.w + NOTE_GAP),
		y: at.y + Math.floor(index / NOTES_PER_ROW) * (STICKY_SIZE.h + NOTE_GAP)
	};
}

/**
 * Plain text pasted on the board becomes sticky notes, one per non-empty line, in a grid whose
 * top-left corner is `at`. Returns the new ids.
 */
export function textToNotes(
	doc: Y.Doc,
	input: { text: string; at: { x: number; y: number }; category?: string | null }
): string[] {
	const lines = pastedLines(input.text);
	const created: string[] = [];
	doc.transact(() => {
		lines.forEach((line, i) => {
			created.push(
				createItem(doc, {
					type: 'sticky',
					...pastedNoteSpot(input.at, i),
					text: line,
					category: input.category ?? null
				})
			);
		});
		reparent(doc, created);
	});
	return created;
}
