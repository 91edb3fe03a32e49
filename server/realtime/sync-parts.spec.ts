import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fullStateInParts } from './sync-parts.ts';

/** A board edited by three clients: notes with texts, moves and deletions, interleaved. */
function busyBoard(): Y.Doc {
	const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
	const sync = () => {
		for (const a of docs)
			for (const b of docs)
				if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	};
	for (let round = 0; round < 40; round++) {
		docs.forEach((doc, index) => {
			const items = doc.getMap<Y.Map<unknown>>('items');
			const note = new Y.Map<unknown>();
			const text = new Y.Text();
			text.insert(0, `note ${round}-${index} `.repeat(20));
			note.set('text', text);
			note.set('x', round * 10 + index);
			items.set(`n${round}-${index}`, note);
			const earlier = items.get(`n${Math.max(0, round - 1)}-${(index + 1) % 3}`);
			(earlier?.get('text') as Y.Text | undefined)?.insert(0, `edit by ${index} `);
			if (round % 7 === 3) items.delete(`n${round - 3}-${index}`);
		});
		if (round % 3 === 0) sync();
	}
	sync();
	return docs[0] as Y.Doc;
}

function contents(doc: Y.Doc): unknown {
	return doc.getMap('items').toJSON();
}

describe('fullStateInParts', () => {
	it('keeps a small document in one update', () => {
		const doc = new Y.Doc();
		doc.getMap('items').set('a', 1);
		expect(fullStateInParts({ doc, partBytes: 1024 })).toHaveLength(1);
	});

	it('splits a large document into parts that, applied in order, give exactly its state', () => {
		const doc = busyBoard();
		const full = Y.encodeStateAsUpdate(doc);
		const parts = fullStateInParts({ doc, partBytes: Math.ceil(full.length / 6) });
		expect(parts.length).toBeGreaterThanOrEqual(5);
		const joiner = new Y.Doc();
		for (const part of parts) Y.applyUpdate(joiner, part);
		expect(contents(joiner)).toEqual(contents(doc));
		expect(Y.encodeStateVector(joiner)).toEqual(Y.encodeStateVector(doc));
		expect(joiner.store.pendingStructs).toBeNull();
		expect(Y.encodeStateAsUpdate(joiner)).toEqual(full);
	});

	it('shows part of the board before the last part arrives', () => {
		const doc = busyBoard();
		const parts = fullStateInParts({ doc, partBytes: 4096 });
		const joiner = new Y.Doc();
		for (const part of parts.slice(0, Math.ceil(parts.length / 2))) Y.applyUpdate(joiner, part);
		expect(joiner.getMap('items').size).toBeGreaterThan(0);
		expect(Y.encodeStateVector(joiner)).not.toEqual(Y.encodeStateVector(doc));
	});
});
