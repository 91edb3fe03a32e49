import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentBounds, copyBoardItems } from './copy.ts';
import { createItem, createSticky, itemText, listItems, readItems } from './schema.ts';

/** A board with a frame holding two notes joined by a connector, and an image outside. */
function groupBoard() {
	const doc = new Y.Doc();
	const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 800, h: 600, text: 'Idées' });
	const a = createSticky(doc, { x: 20, y: 60, text: 'Horaires', category: 'usager' });
	const b = createSticky(doc, { x: 400, y: 60, text: 'Navette', category: 'usager' });
	for (const id of [a, b]) doc.getMap<Y.Map<unknown>>('items').get(id)?.set('frame', frame);
	const link = createItem(doc, {
		type: 'connector',
		x: 0,
		y: 0,
		start: { item: a },
		end: { item: b },
		frame
	});
	const image = createItem(doc, { type: 'image', x: 900, y: 0, w: 100, h: 100, file: 'f1' });
	const toImage = createItem(doc, {
		type: 'connector',
		x: 0,
		y: 0,
		start: { item: b },
		end: { item: image }
	});
	return { doc, frame, a, b, link, image, toImage };
}

describe('copyBoardItems', () => {
	it('keeps connectors attached to the copies of their items and children in the copied frames', () => {
		const source = groupBoard();
		const target = new Y.Doc();
		const into = createItem(target, { type: 'frame', x: 5000, y: 0, w: 2000, h: 1000 });
		const ids = copyBoardItems(target, source.doc, { offset: { x: 5040, y: 80 }, into });
		const byText = (text: string) => listItems(target).find((item) => item.text === text)!;
		const link = readItems(target).find((item) => item.id === ids.get(source.link))!;
		expect(link.start).toEqual({ item: byText('Horaires').id });
		expect(link.end).toEqual({ item: byText('Navette').id });
		expect(byText('Horaires')).toMatchObject({ x: 5060, y: 140, category: 'usager' });
		expect(byText('Horaires').frame).toBe(ids.get(source.frame));
		expect(byText('Idées').frame).toBe(into);
		expect(ids.get(source.a)).not.toBe(source.a);
	});

	it('leaves images out on request, keeping a connector to one at the point where it was', () => {
		const source = groupBoard();
		const target = new Y.Doc();
		const ids = copyBoardItems(target, source.doc, {
			withoutImages: true,
			category: () => null
		});
		const items = readItems(target);
		expect(items.some((item) => item.type === 'image')).toBe(false);
		expect(items.every((item) => item.category === null)).toBe(true);
		const toImage = items.find((item) => item.id === ids.get(source.toImage))!;
		expect(toImage.start).toEqual({ item: ids.get(source.b) });
		expect(toImage.end).toEqual({ x: 950, y: 50 });
	});

	it('makes a copy that does not change with the original', () => {
		const source = groupBoard();
		const target = new Y.Doc();
		const ids = copyBoardItems(target, source.doc);
		itemText(source.doc, source.a)?.insert(0, 'Changé : ');
		expect(itemText(target, ids.get(source.a)!)?.toString()).toBe('Horaires');
		expect(contentBounds(target)).toEqual(contentBounds(source.doc));
	});

	it('bounds nothing on an empty board', () => {
		expect(contentBounds(new Y.Doc())).toBeNull();
	});
});
