import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { align } from './layout.ts';
import {
	bringItemsToFront,
	deleteItems,
	moveItems,
	placeItems,
	reparent,
	resizeItem,
	sendItemsToBack,
	setCollapsed,
	setStickySize,
	withDescendants
} from './operations.ts';
import { createItem, createSticky, listItems, type ItemView } from './schema.ts';

function view(doc: Y.Doc, id: string): ItemView {
	const found = listItems(doc).find((item) => item.id === id);
	if (!found) throw new Error(`no item ${id}`);
	return found;
}

function frameWithNote(doc: Y.Doc) {
	const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 600, h: 400, text: 'Idées' });
	const note = createSticky(doc, { x: 50, y: 50 });
	reparent(doc, [note]);
	return { frame, note };
}

describe('frames', () => {
	it('adopts an object whose centre lies inside, and carries it when moved', () => {
		const doc = new Y.Doc();
		const { frame, note } = frameWithNote(doc);
		expect(view(doc, note).frame).toBe(frame);
		moveItems(doc, { ids: [frame], dx: 100, dy: -20 });
		expect(view(doc, frame)).toMatchObject({ x: 100, y: -20 });
		expect(view(doc, note)).toMatchObject({ x: 150, y: 30, frame });
	});

	it('lets an object leave its frame when dragged out', () => {
		const doc = new Y.Doc();
		const { note } = frameWithNote(doc);
		moveItems(doc, { ids: [note], dx: 1000, dy: 0 });
		expect(view(doc, note).frame).toBeNull();
	});

	it('collapses and keeps its children listed as descendants', () => {
		const doc = new Y.Doc();
		const { frame, note } = frameWithNote(doc);
		setCollapsed(doc, { id: frame, collapsed: true });
		expect(view(doc, frame).collapsed).toBe(true);
		expect(withDescendants(doc, [frame])).toEqual(new Set([frame, note]));
	});

	it('leaves the children on the board when the frame is deleted', () => {
		const doc = new Y.Doc();
		const { frame, note } = frameWithNote(doc);
		deleteItems(doc, [frame]);
		expect(listItems(doc).map((item) => item.id)).toEqual([note]);
		expect(view(doc, note).frame).toBeNull();
	});
});

describe('connectors', () => {
	it('follow the objects they join and keep a free end when one is deleted', () => {
		const doc = new Y.Doc();
		const a = createSticky(doc, { x: 0, y: 0 });
		const b = createSticky(doc, { x: 400, y: 0 });
		const link = createItem(doc, {
			type: 'connector',
			x: 0,
			y: 0,
			start: { item: a },
			end: { item: b }
		});
		expect(view(doc, link)).toMatchObject({ x: 100, y: 80, w: 400, h: 0 });
		moveItems(doc, { ids: [b], dx: 0, dy: 200 });
		expect(view(doc, link)).toMatchObject({ x: 100, y: 80, w: 400, h: 200 });
		deleteItems(doc, [b]);
		expect(view(doc, link).end).toEqual({ x: 500, y: 280 });
		expect(view(doc, link).start).toEqual({ item: a });
	});

	it('moves its free ends when moved itself', () => {
		const doc = new Y.Doc();
		const link = createItem(doc, {
			type: 'connector',
			x: 0,
			y: 0,
			start: { x: 0, y: 0 },
			end: { x: 10, y: 10 }
		});
		moveItems(doc, { ids: [link], dx: 5, dy: 5 });
		expect(view(doc, link)).toMatchObject({ start: { x: 5, y: 5 }, end: { x: 15, y: 15 } });
	});
});

describe('size and order', () => {
	it('resizes within the minimum and scales a stroke’s points', () => {
		const doc = new Y.Doc();
		const stroke = createItem(doc, {
			type: 'stroke',
			x: 0,
			y: 0,
			w: 100,
			h: 50,
			points: [0, 0, 100, 50]
		});
		resizeItem(doc, { id: stroke, x: 0, y: 0, w: 200, h: 5 });
		expect(view(doc, stroke)).toMatchObject({ w: 200, h: 24, points: [0, 0, 200, 24] });
	});

	it('switches a sticky note between small and large around its centre', () => {
		const doc = new Y.Doc();
		const note = createSticky(doc, { x: 0, y: 0 });
		setStickySize(doc, { id: note, size: 'large' });
		expect(view(doc, note)).toMatchObject({ x: -60, y: -48, w: 320, h: 256 });
	});

	it('brings a selection to front and sends it to back, keeping its own order', () => {
		const doc = new Y.Doc();
		const [a, b, c] = [0, 1, 2].map(() => createSticky(doc, { x: 0, y: 0 }));
		bringItemsToFront(doc, [a as string, b as string]);
		expect(listItems(doc).map((item) => item.id)).toEqual([c, a, b]);
		sendItemsToBack(doc, [b as string]);
		expect(listItems(doc).map((item) => item.id)).toEqual([b, c, a]);
	});

	it('aligns a frame and brings its children along', () => {
		const doc = new Y.Doc();
		const { frame, note } = frameWithNote(doc);
		const other = createSticky(doc, { x: 900, y: 500 });
		placeItems(doc, align([view(doc, frame), view(doc, other)], 'bottom'));
		expect(view(doc, frame).y).toBe(260);
		expect(view(doc, note).y).toBe(310);
	});
});
