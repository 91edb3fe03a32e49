import type { ItemView } from './schema.ts';

/**
 * The board as a text outline, for screen readers and keyboard users: frames in reading order,
 * each with its objects in reading order, then the objects outside any frame.
 */

/** Vertical distance under which two objects count as one row, in board units. */
export const ROW_TOLERANCE = 40;

/** One section of the outline: a frame (or null: outside any frame) and what it holds. */
export interface OutlineSection {
	frame: ItemView | null;
	items: ItemView[];
}

/** Objects sorted as one reads a page: rows top to bottom, each row left to right. */
export function readingOrder<T extends { x: number; y: number; id: string }>(
	items: readonly T[]
): T[] {
	const byTop = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
	const rows: T[][] = [];
	for (const item of byTop) {
		const row = rows[rows.length - 1];
		if (row && item.y - (row[0] as T).y <= ROW_TOLERANCE) row.push(item);
		else rows.push([item]);
	}
	return rows.flatMap((row) => row.sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1)));
}

/** The outline of a board: connectors and strokes are left out (they carry no text). */
export function boardOutline(items: readonly ItemView[]): OutlineSection[] {
	const frames = readingOrder(items.filter((item) => item.type === 'frame'));
	const frameIds = new Set(frames.map((frame) => frame.id));
	const content = items.filter(
		(item) => item.type !== 'frame' && item.type !== 'connector' && item.type !== 'stroke'
	);
	const sections: OutlineSection[] = frames.map((frame) => ({
		frame,
		items: readingOrder(content.filter((item) => item.frame === frame.id))
	}));
	const loose = content.filter((item) => !item.frame || !frameIds.has(item.frame));
	if (loose.length > 0) sections.push({ frame: null, items: readingOrder(loose) });
	return sections;
}
