import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createItem, createSticky, listItems } from '../schema.ts';
import { CSV_BOM, csvCell, itemsToCsv } from './items-csv.ts';

/**
 * The first character of every cell a spreadsheet would see when splitting `csv` on either `,` or
 * `;` (quotes respected, as every spreadsheet does).
 */
function cellStarts(csv: string): string[] {
	const starts: string[] = [];
	let quoted = false;
	let atStart = true;
	for (const char of csv) {
		if (atStart && !quoted) starts.push(char);
		atStart = false;
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === ',' || char === ';' || char === '\n')) atStart = true;
	}
	return starts;
}

describe('items as CSV', () => {
	it('gives one parsable row per item with its frame, category, votes and creation time', () => {
		const doc = new Y.Doc();
		const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 900, h: 600, text: 'Pistes' });
		const note = createSticky(doc, {
			x: 40,
			y: 80,
			text: 'Un guichet, "unique",\nouvert le samedi',
			category: 'usager',
			now: Date.UTC(2026, 10, 26, 9, 30)
		});
		doc.getMap<Y.Map<unknown>>('items').get(note)?.set('frame', frame);
		createItem(doc, { type: 'stroke', x: 0, y: 0, points: [0, 0, 1, 1] });
		const csv = itemsToCsv({ items: listItems(doc), votes: new Map([[note, 3]]) });
		expect(csv.startsWith(CSV_BOM)).toBe(true);
		const rows = parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ text: 'Pistes', type: 'frame', frame: '', votes: '0' });
		expect(rows[1]).toEqual({
			text: 'Un guichet, "unique",\nouvert le samedi',
			type: 'sticky',
			frame: 'Pistes',
			category: 'usager',
			votes: '3',
			'created at': '2026-11-26T09:30:00.000Z'
		});
	});

	it('neutralises cells a spreadsheet would run as formulas', () => {
		for (const start of ['=', '+', '-', '@']) {
			expect(csvCell(`${start}HYPERLINK("http://x")`).replace(/^"/, '')).toMatch(/^'/);
		}
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, text: '=1+1' });
		const [row] = parse(itemsToCsv({ items: listItems(doc) }).slice(1), {
			columns: true
		}) as Array<Record<string, string>>;
		expect(row?.text).toBe("'=1+1");
		expect(csvCell('plain')).toBe('plain');
	});

	it('neutralises every formula start, full-width and space-led ones included', () => {
		const hostile = [
			'=1+1',
			'+1+1',
			'-1+1',
			'@SUM(A1)',
			'\t=1+1',
			'\r=1+1',
			'＝1+1',
			'＋1',
			'－1',
			'＠SUM(A1)',
			'  =1+1',
			'\u00a0=1+1',
			"=cmd|' /C calc'!A0"
		];
		for (const value of hostile) {
			const [cell] = parse(csvCell(value), { relax_quotes: true }) as string[][];
			expect(cell?.[0], JSON.stringify(value)).toBe(`'${value}`);
		}
		for (const harmless of ['plain', 'a=b', 'e-mail', '3', '2026-11-26T09:30:00.000Z']) {
			expect(csvCell(harmless)).toBe(harmless);
		}
	});

	it('keeps every cell whole in comma- and semicolon-separated files, whichever a spreadsheet splits on', () => {
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, text: 'a;=HYPERLINK("http://evil.example")', category: 'élu' });
		createSticky(doc, { x: 0, y: 200, text: 'b,@SUM(A1)' });
		for (const separator of [',', ';'] as const) {
			const csv = itemsToCsv({ items: listItems(doc), separator });
			expect(cellStarts(csv.slice(1)).filter((start) => /[=+\-@]/.test(start))).toEqual([]);
			const rows = parse(csv.slice(1), { delimiter: separator, columns: true }) as Array<
				Record<string, string>
			>;
			expect(rows.map((row) => row.text).sort()).toEqual([
				'a;=HYPERLINK("http://evil.example")',
				'b,@SUM(A1)'
			]);
		}
	});
});
