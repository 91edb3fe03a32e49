import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC, SYNC_STEP_2, SYNC_UPDATE } from './protocol.ts';
import { SyncCache } from './sync-cache.ts';

/** The sync sub-type and update carried by a sync frame. */
function read(frame: Uint8Array): { subType: number; update: Uint8Array } {
	const decoder = decoding.createDecoder(frame);
	expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
	const subType = decoding.readVarUint(decoder);
	return { subType, update: decoding.readVarUint8Array(decoder) };
}

/** The update of a one-message answer. */
function payload(messages: Uint8Array[]): Uint8Array {
	expect(messages).toHaveLength(1);
	return read(messages[0] as Uint8Array).update;
}

function joinerNotes(messages: Uint8Array[]): string[] {
	const doc = new Y.Doc();
	for (const message of messages) Y.applyUpdate(doc, read(message).update);
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
		expect(joinerNotes(answers[0] ?? [])).toEqual(['a', 'b']);
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

	it('sends a large state as updates then a step 2 with the last part, giving the whole board', () => {
		const doc = new Y.Doc();
		const cache = new SyncCache(doc, 2048);
		doc.on('update', () => cache.invalidate());
		const notes = doc.getMap<string>('board');
		for (let i = 0; i < 200; i++) notes.set(`n${i}`, `note ${i} `.repeat(10));
		const messages = cache.step2(EMPTY);
		expect(messages.length).toBeGreaterThan(3);
		const types = messages.map((message) => read(message).subType);
		expect(types.slice(0, -1).every((type) => type === SYNC_UPDATE)).toBe(true);
		expect(types[types.length - 1]).toBe(SYNC_STEP_2);
		const joiner = new Y.Doc();
		for (const message of messages) Y.applyUpdate(joiner, read(message).update);
		expect(joiner.getMap('board').toJSON()).toEqual(notes.toJSON());
	});
});
