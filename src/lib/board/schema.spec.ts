import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	bringToFront,
	countItems,
	createItem,
	createSticky,
	deleteItem,
	itemText,
	listItems,
	moveItem,
	setItemColor
} from './schema.ts';

function exchange(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('board schema', () => {
	it('creates a sticky note with text, position and category', () => {
		const doc = new Y.Doc();
		const id = createSticky(doc, { x: 10.4, y: 20.6, category: 'usager', text: 'Bonjour' });
		const [item] = listItems(doc);
		expect(item).toMatchObject({ id, type: 'sticky', x: 10, y: 21, category: 'usager' });
		expect(item?.text).toBe('Bonjour');
		expect(countItems(doc)).toBe(1);
	});

	it('paints newer notes above older ones and brings a note to front', () => {
		const doc = new Y.Doc();
		const first = createSticky(doc, { x: 0, y: 0 });
		const second = createSticky(doc, { x: 0, y: 0 });
		expect(listItems(doc).map((i) => i.id)).toEqual([first, second]);
		bringToFront(doc, first);
		expect(listItems(doc).map((i) => i.id)).toEqual([second, first]);
	});

	it('keeps a concurrent move and recolour of one note', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const id = createSticky(a, { x: 0, y: 0 });
		exchange(a, b);
		moveItem(a, { id, x: 100, y: 50 });
		setItemColor(b, { id, color: 'blue' });
		exchange(a, b);
		for (const doc of [a, b]) {
			expect(listItems(doc)[0]).toMatchObject({ x: 100, y: 50, color: 'blue' });
		}
	});

	it('merges two people typing in one note without losing a letter', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const id = createSticky(a, { x: 0, y: 0, text: 'ab' });
		exchange(a, b);
		itemText(a, id)?.insert(0, 'X');
		itemText(b, id)?.insert(2, 'Y');
		exchange(a, b);
		expect(itemText(a, id)?.toString()).toBe('XabY');
		expect(itemText(b, id)?.toString()).toBe('XabY');
	});

	it('deletes a note and ignores edits of a deleted one', () => {
		const doc = new Y.Doc();
		const id = createSticky(doc, { x: 0, y: 0 });
		deleteItem(doc, id);
		moveItem(doc, { id, x: 5, y: 5 });
		expect(listItems(doc)).toEqual([]);
		expect(itemText(doc, id)).toBeNull();
	});
});

describe('object kinds', () => {
	it('creates every kind with its own fields and reads them back', () => {
		const doc = new Y.Doc();
		const shape = createItem(doc, { type: 'shape', x: 0, y: 0, shape: 'diamond', text: 'Étape' });
		const stroke = createItem(doc, {
			type: 'stroke',
			x: 5,
			y: 5,
			points: [0, 0, 4, 4],
			strokeWidth: 3
		});
		const frame = createItem(doc, { type: 'frame', x: 0, y: 0, text: 'Constats' });
		const image = createItem(doc, {
			type: 'image',
			x: 0,
			y: 0,
			file: 'f1',
			text: 'Plan du quartier'
		});
		const items = new Map(listItems(doc).map((item) => [item.id, item]));
		expect(items.get(shape)).toMatchObject({ shape: 'diamond', text: 'Étape', w: 200, h: 120 });
		expect(items.get(stroke)).toMatchObject({ points: [0, 0, 4, 4], strokeWidth: 3 });
		expect(items.get(frame)).toMatchObject({ collapsed: false, text: 'Constats', w: 800 });
		expect(items.get(image)).toMatchObject({ file: 'f1', text: 'Plan du quartier' });
	});

	it('ignores malformed kind-specific fields written by another client', () => {
		const doc = new Y.Doc();
		const id = createItem(doc, { type: 'shape', x: 0, y: 0 });
		const item = doc.getMap<Y.Map<unknown>>('items').get(id);
		item?.set('shape', 'star');
		item?.set('points', [1, 'x']);
		item?.set('start', { item: 3 });
		expect(listItems(doc)[0]).toMatchObject({ shape: null, points: null, start: null });
	});

	it('creates large sticky notes', () => {
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, size: 'large' });
		expect(listItems(doc)[0]).toMatchObject({ w: 320, h: 256 });
	});
});

describe('malformed items from a peer', () => {
	it('are skipped by every reader and never break creating, moving or colouring', () => {
		const doc = new Y.Doc();
		const id = createSticky(doc, { x: 0, y: 0, text: 'kept' });
		const items = doc.getMap<unknown>('items');
		items.set('bogus-string', 'not a map');
		items.set('bogus-text', new Y.Text('not a map either'));
		expect(listItems(doc).map((item) => item.id)).toEqual([id]);
		expect(itemText(doc, 'bogus-string')).toBeNull();
		moveItem(doc, { id: 'bogus-string', x: 5, y: 5 });
		setItemColor(doc, { id: 'bogus-text', color: 'blue' });
		bringToFront(doc, 'bogus-string');
		const second = createSticky(doc, { x: 10, y: 10 });
		expect(listItems(doc).map((item) => item.id)).toEqual([id, second]);
	});
});
