import { extractText, getDocumentProxy } from 'unpdf';
import { pdfMappedCharacters } from '../../../../tests/helpers/export-parsing.ts';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createItem, createSticky } from '../../board/schema.ts';
import { boardToPdf } from './board-pdf.ts';

async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const { text } = await extractText(pdf, { mergePages: true });
	return text;
}

describe('board as PDF', () => {
	it('is a PDF whose text layer holds the board’s French text', async () => {
		const doc = new Y.Doc();
		createItem(doc, { type: 'frame', x: 0, y: 0, w: 900, h: 600, text: 'Œuvres « communes »' });
		createSticky(doc, { x: 40, y: 80, text: 'L’accueil du public', category: 'agent' });
		createItem(doc, { type: 'shape', x: 400, y: 100, shape: 'ellipse', text: 'Décider' });
		createItem(doc, { type: 'stroke', x: 10, y: 700, points: [0, 0, 40, 10, 80, 0] });
		const bytes = await boardToPdf({ doc, title: 'Atelier' });
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
		const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
		expect(text).toContain('Œuvres « communes »');
		expect(text).toContain('L’accueil du public');
		expect(text).toContain('Décider');
	});

	it('embeds a Unicode font: œ, « », the minus sign and narrow spaces survive, an emoji reads as a word', async () => {
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, text: 'Fête 🎉 − 12,5\u202f% « cœur »' });
		const bytes = await boardToPdf({ doc, title: 'x', emoji: '[émoji]' });
		// Line breaks of the wrapped note become spaces; the narrow no-break space stays as it is.
		const text = (await pdfText(bytes)).replace(/[ \n\r\t]+/g, ' ');
		expect(text).toContain('Fête [émoji] − 12,5 % « cœur »');
		for (const char of ['\u202f', '−', 'œ', '«', 'ê'])
			expect(pdfMappedCharacters(bytes)).toContain(char);
		expect(text).not.toContain('?');
	});
});
