import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncCache } from './sync-cache.ts';

/** The update carried by a sync step 2 frame. */
function payload(frame: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(frame);
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
	return decoding.readVarUint8Array(decoder);
}

function joinerNotes(frame: Uint8Array): string[] {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, payload(frame));
	return doc.getArray<string>('notes').toArray();
}

function boardWithCache(): { doc: Y.Doc; cache: SyncCache } {
	const doc = new Y.Doc();
	const cache = new SyncCache(doc);
	doc.on('update', () => cache.invalidate());
	doc.getArray<string>('notes').push(['a', 'b']);
	return { doc, cache };
}

const EMPTY = Y.encodeStateVector(new Y.Doc());

describe('SyncCache', () => {
	it('answers fifty new joiners with one encoding of the state', () => {
		const { cache } = boardWithCache();
		const answers = Array.from({ length: 50 }, () => cache.step2(EMPTY));
		expect(new Set(answers).size).toBe(1);
		expect(joinerNotes(answers[0] as Uint8Array)).toEqual(['a', 'b']);
	});

	it('gives a joiner arriving after a change the changed state', () => {
		const { doc, cache } = boardWithCache();
		const before = cache.step2(EMPTY);
		const step1Before = cache.step1();
		doc.getArray<string>('notes').push(['c']);
		const after = cache.step2(EMPTY);
		expect(joinerNotes(before)).toEqual(['a', 'b']);
		expect(joinerNotes(after)).toEqual(['a', 'b', 'c']);
		expect(cache.step1()).not.toEqual(step1Before);
	});

	it('answers a client that has part of the document with what it lacks only', () => {
		const { doc, cache } = boardWithCache();
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
		doc.getArray<string>('notes').push(['c']);
		const answer = payload(cache.step2(Y.encodeStateVector(client)));
		expect(answer.length).toBeLessThan(Y.encodeStateAsUpdate(doc).length);
		Y.applyUpdate(client, answer);
		expect(client.getArray<string>('notes').toArray()).toEqual(['a', 'b', 'c']);
	});
});
