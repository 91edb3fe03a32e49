import { boardOutline } from '../outline.ts';
import type { ItemView } from '../schema.ts';

/**
 * The board's items as CSV (RFC 4180): one row per item with text (text, type, frame, category,
 * votes, created at), in outline order. For spreadsheets: a UTF-8 byte-order mark so that Excel
 * reads accents, CRLF line ends, and cells that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'` (CSV injection).
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
	/** Column names and values for a person (default: raw keys and ISO times). */
	labels?: CsvLabels;
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
	const rows = [labels.columns.map(csvCell).join(',')];
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
			rows.push(cells.map(csvCell).join(','));
		}
	}
	return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}
