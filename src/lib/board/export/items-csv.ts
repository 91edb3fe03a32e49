import { boardOutline } from '../outline.ts';
import type { ItemView } from '../schema.ts';

/**
 * The board's items as CSV (RFC 4180): one row per item with text (text, type, frame, category,
 * votes, created at), in outline order. For spreadsheets: a UTF-8 byte-order mark so that Excel
 * reads accents, CRLF line ends, and cells that a spreadsheet would run as a formula (starting,
 * after any spaces, with `=`, `+`, `-`, `@`, tab, carriage return or a full-width `＝ ＋ － ＠`)
 * prefixed with `'` (CSV injection). Cells holding either separator (`,` or `;`) are quoted, so a
 * file split on the other one (French spreadsheets use `;`) cannot start a cell with a formula.
 */

/** The header row's column names (stable: scripts read them). */
export const CSV_COLUMNS = ['text', 'type', 'frame', 'category', 'votes', 'created at'] as const;

/** UTF-8 byte-order mark, first character of the file. */
export const CSV_BOM = '\ufeff';

/** Cell separators: `,` (RFC 4180) or `;` (spreadsheets in French and other locales). */
export type CsvSeparator = ',' | ';';

/** A start a spreadsheet reads as a formula (or DDE), after optional leading spaces. */
const FORMULA_START = /^[ \u00a0\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** Characters that need RFC 4180 quoting, whichever separator the file uses. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** A cell value safe from formula evaluation, then quoted when RFC 4180 requires it. */
export function csvCell(value: string): string {
	const guarded = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Input of `itemsToCsv`. */
export interface ItemsCsvInput {
	items: readonly ItemView[];
	/** Dots each item received, by item id (absent: 0). */
	votes?: ReadonlyMap<string, number>;
	/** Cell separator (default `,`). */
	separator?: CsvSeparator;
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
	const separator = input.separator ?? ',';
	const rows = [CSV_COLUMNS.map(csvCell).join(separator)];
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
			rows.push(cells.map(csvCell).join(separator));
		}
	}
	return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}
