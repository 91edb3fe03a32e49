import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardOutline, readingOrder } from './outline.ts';
import { reparent } from './operations.ts';
import { createItem, createSticky, listItems } from './schema.ts';

describe('board outline', () => {
	it('reads rows top to bottom and left to right, tolerating small offsets', () => {
		const items = [
			{ id: 'c', x: 0, y: 300 },
			{ id: 'b', x: 300, y: 10 },
			{ id: 'a', x: 0, y: 30 }
		];
		expect(readingOrder(items).map((i) => i.id)).toEqual(['a', 'b', 'c']);
	});

	it('lists frames with their objects, then the objects outside any frame', () => {
		const doc = new Y.Doc();
		const second = createItem(doc, {
			type: 'frame',
			x: 0,
			y: 1000,
			w: 800,
			h: 600,
			text: 'Pistes'
		});
		const first = createItem(doc, { type: 'frame', x: 0, y: 0, w: 800, h: 600, text: 'Constats' });
		const inFirst = createSticky(doc, { x: 10, y: 100, text: 'Files d’attente' });
		const loose = createSticky(doc, { x: 2000, y: 0, text: 'Hors cadre' });
		createItem(doc, {
			type: 'connector',
			x: 0,
			y: 0,
			start: { item: inFirst },
			end: { item: loose }
		});
		reparent(doc, [inFirst, loose]);
		const outline = boardOutline(listItems(doc));
		expect(outline.map((s) => s.frame?.text ?? null)).toEqual(['Constats', 'Pistes', null]);
		expect(outline[0]?.items.map((i) => i.id)).toEqual([inFirst]);
		expect(outline[1]?.items).toEqual([]);
		expect(outline[2]?.items.map((i) => i.id)).toEqual([loose]);
		expect(first).not.toBe(second);
	});
});
