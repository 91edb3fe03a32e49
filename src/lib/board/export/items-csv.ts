import { boardOutline } from '../outline.ts';
import type { ItemView } from '../schema.ts';

/**
 * The board's items as CSV (RFC 4180): one row per item with text (text, type, frame, category,
 * votes, created at), in outline order. For spreadsheets: a UTF-8 byte-order mark so that Excel
 * reads accents, CRLF line ends, and cells that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'` (CSV injection).
 */

/** The header row's column names (stable: scripts read them). */
export const CSV_COLUMNS = ['text', 'type', 'frame', 'category', 'votes', 'created at'] as const;

/** UTF-8 byte-order mark, first character of the file. */
export const CSV_BOM = '\ufeff';

/** A cell value safe from formula evaluation, then quoted when RFC 4180 requires it. */
export function csvCell(value: string): string {
	const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Input of `itemsToCsv`. */
export interface ItemsCsvInput {
	items: readonly ItemView[];
	/** Dots each item received, by item id (absent: 0). */
	votes?: ReadonlyMap<string, number>;
}

/** ISO 8601 time of creation, or '' when the item carries none (older clients). */
function createdAt(item: ItemView): string {
	return item.createdAt > 0 ? new Date(item.createdAt).toISOString() : '';
}

/** The items (frames included, strokes and connectors left out: no text) as one CSV string. */
export function itemsToCsv(input: ItemsCsvInput): string {
	const frames = new Map(
		input.items.filter((item) => item.type === 'frame').map((item) => [item.id, item])
	);
	const rows = [CSV_COLUMNS.map(csvCell).join(',')];
	for (const section of boardOutline(input.items)) {
		const list = section.frame ? [section.frame, ...section.items] : section.items;
		for (const item of list) {
			const frame = item.frame ? (frames.get(item.frame)?.text ?? '') : '';
			const cells = [
				item.text,
				item.type,
				frame,
				item.category ?? '',
				String(input.votes?.get(item.id) ?? 0),
				createdAt(item)
			];
			rows.push(cells.map(csvCell).join(','));
		}
	}
	return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}
