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

/** The header row's column names when no reader's labels are given (scripts, tests). */
export const CSV_COLUMNS = ['text', 'type', 'frame', 'category', 'votes', 'created at'] as const;

/** How the CSV reads for a person: column names and values in their language. */
export interface CsvLabels {
	/** One name per column of `CSV_COLUMNS`, in the same order. */
	columns: readonly string[];
	type: (type: string) => string;
	category: (category: string | null) => string;
	/** Creation time (ms since the epoch) as a date and time in the reader's locale. */
	date: (at: number) => string;
}

/** The raw keys and ISO times: what scripts read when no labels are given. */
const RAW_LABELS: CsvLabels = {
	columns: CSV_COLUMNS,
	type: (type) => type,
	category: (category) => category ?? '',
	date: (at) => new Date(at).toISOString()
};

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
	/** Column names and values for a person (default: raw keys and ISO times). */
	labels?: CsvLabels;
	/** Cell separator (default `,`). */
	separator?: CsvSeparator;
}

/** Time of creation, or '' when the item carries none (older clients). */
function createdAt(item: ItemView, labels: CsvLabels): string {
	return item.createdAt > 0 ? labels.date(item.createdAt) : '';
}

/** The items (frames included, strokes and connectors left out: no text) as one CSV string. */
export function itemsToCsv(input: ItemsCsvInput): string {
	const frames = new Map(
		input.items.filter((item) => item.type === 'frame').map((item) => [item.id, item])
	);
	const labels = input.labels ?? RAW_LABELS;
	const separator = input.separator ?? ',';
	const rows = [labels.columns.map(csvCell).join(separator)];
	for (const section of boardOutline(input.items)) {
		const list = section.frame ? [section.frame, ...section.items] : section.items;
		for (const item of list) {
			const frame = item.frame ? (frames.get(item.frame)?.text ?? '') : '';
			const cells = [
				item.text,
				labels.type(item.type),
				frame,
				item.category ? labels.category(item.category) : '',
				String(input.votes?.get(item.id) ?? 0),
				createdAt(item, labels)
			];
			rows.push(cells.map(csvCell).join(separator));
		}
	}
	return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}
