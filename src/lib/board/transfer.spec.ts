import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reparent } from './operations.ts';
import { createItem, createSticky, listItems } from './schema.ts';
import {
	duplicateItems,
	exportItems,
	importItems,
	parseClipboard,
	textToNotes
} from './transfer.ts';

describe('copy, paste and duplicate', () => {
	it('duplicates a frame with its contents and the connector between them', () => {
		const doc = new Y.Doc();
		const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 800, h: 600 });
		const a = createSticky(doc, { x: 10, y: 10, text: 'A' });
		const b = createSticky(doc, { x: 400, y: 10, text: 'B' });
		reparent(doc, [a, b]);
		createItem(doc, { type: 'connector', x: 0, y: 0, start: { item: a }, end: { item: b }, frame });
		const copies = duplicateItems(doc, { ids: [frame] });
		expect(copies).toHaveLength(4);
		const items = listItems(doc);
		const newFrame = items.find((item) => item.type === 'frame' && item.id !== frame);
		const newA = items.find((item) => item.text === 'A' && item.id !== a);
		const newLink = items.find((item) => item.type === 'connector' && copies.includes(item.id));
		expect(newFrame).toMatchObject({ x: 24, y: 24 });
		expect(newA?.frame).toBe(newFrame?.id);
		expect(newLink?.start).toEqual({ item: newA?.id });
	});

	it('pastes into another board through JSON text, with free ends for outside links', () => {
		const source = new Y.Doc();
		const a = createSticky(source, { x: 0, y: 0, text: 'Idée' });
		const outside = createSticky(source, { x: 400, y: 0 });
		const link = createItem(source, {
			type: 'connector',
			x: 0,
			y: 0,
			start: { item: a },
			end: { item: outside }
		});
		const text = JSON.stringify(exportItems(source, [a, link]));
		const payload = parseClipboard(text);
		expect(payload?.items).toHaveLength(2);
		const target = new Y.Doc();
		importItems(target, { payload: payload!, dx: 10, dy: 0, category: 'agent', sameBoard: false });
		const items = listItems(target);
		expect(items.find((item) => item.type === 'sticky')).toMatchObject({
			text: 'Idée',
			x: 10,
			category: 'agent'
		});
		expect(items.find((item) => item.type === 'connector')?.end).toEqual({ x: 510, y: 80 });
	});

	it('pastes images into another board with the copies of their files, and drops uncopied ones', () => {
		const source = new Y.Doc();
		const plan = createItem(source, { type: 'image', x: 0, y: 0, file: 'file-plan' });
		const photo = createItem(source, { type: 'image', x: 300, y: 0, file: 'file-photo' });
		const payload = parseClipboard(JSON.stringify(exportItems(source, [plan, photo], 'board-a')));
		const target = new Y.Doc();
		const ids = importItems(target, {
			payload: payload!,
			dx: 0,
			dy: 0,
			sameBoard: false,
			files: new Map([['file-plan', 'copy-of-plan']])
		});
		expect(ids).toHaveLength(1);
		expect(listItems(target).map((item) => [item.type, item.file])).toEqual([
			['image', 'copy-of-plan']
		]);
	});

	it('refuses malformed or foreign clipboard text', () => {
		expect(parseClipboard('hello')).toBeNull();
		expect(parseClipboard('{"format":"other","items":[]}')).toBeNull();
		expect(
			parseClipboard('{"format":"croisee/items","version":1,"items":[{"id":"x"}]}')
		).toBeNull();
	});

	it('turns pasted plain text into one note per non-empty line', () => {
		const doc = new Y.Doc();
		const ids = textToNotes(doc, {
			text: 'Un\n\n  Deux \r\nTrois',
			at: { x: 0, y: 0 },
			category: 'usager'
		});
		expect(ids).toHaveLength(3);
		expect(listItems(doc).map((item) => item.text)).toEqual(['Un', 'Deux', 'Trois']);
		expect(listItems(doc)[1]).toMatchObject({ x: 220, y: 0, category: 'usager' });
	});
});

describe('undo of one’s own changes', () => {
	it('never undoes another person’s concurrent edit', () => {
		const LOCAL = Symbol('local');
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const sync = () => {
			Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
			Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
		};
		const undo = new Y.UndoManager(mine.getMap('items'), { trackedOrigins: new Set([LOCAL]) });
		mine.transact(() => createSticky(mine, { x: 0, y: 0, text: 'moi' }), LOCAL);
		createSticky(theirs, { x: 0, y: 0, text: 'toi' });
		sync();
		expect(listItems(mine)).toHaveLength(2);
		undo.undo();
		sync();
		for (const doc of [mine, theirs])
			expect(listItems(doc).map((item) => item.text)).toEqual(['toi']);
		undo.redo();
		sync();
		expect(
			listItems(theirs)
				.map((item) => item.text)
				.sort()
		).toEqual(['moi', 'toi']);
	});
});
