import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
	HISTORY_FORMAT_VERSION,
	HistoryFormatError,
	decodeHistoryPage,
	decodeHistorySnapshot,
	encodeHistoryPage,
	encodeHistorySnapshot
} from './history-format.ts';

/** Times as the database gives them: whole milliseconds since the epoch. */
const time = fc.integer({ min: 0, max: 8_640_000_000_000 });
const seq = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const bytes = fc.uint8Array({ maxLength: 200 });
const update = fc.record({
	seq,
	at: time,
	category: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
	update: bytes
});
const snapshot = fc.record({ seq, at: time, state: bytes });

describe('history format', () => {
	it('gives back every page of the update log it encoded (property, seed printed on failure)', () => {
		fc.assert(
			fc.property(fc.array(update, { maxLength: 30 }), (updates) => {
				expect(decodeHistoryPage(encodeHistoryPage(updates))).toEqual(updates);
			})
		);
	});

	it('gives back every snapshot it encoded (property, seed printed on failure)', () => {
		fc.assert(
			fc.property(snapshot, (stored) => {
				expect(decodeHistorySnapshot(encodeHistorySnapshot(stored))).toEqual(stored);
			})
		);
	});

	it('keeps an empty category apart from none', () => {
		const page = [
			{ seq: 1, at: 5, category: '', update: new Uint8Array([1]) },
			{ seq: 2, at: 6, category: null, update: new Uint8Array([2]) }
		];
		expect(decodeHistoryPage(encodeHistoryPage(page)).map((u) => u.category)).toEqual(['', null]);
	});

	it('writes the version first and refuses a version it does not know, saying which', () => {
		const page = encodeHistoryPage([]);
		expect(page[0]).toBe(HISTORY_FORMAT_VERSION);
		const future = encoding.createEncoder();
		encoding.writeVarUint(future, HISTORY_FORMAT_VERSION + 1);
		encoding.writeVarUint(future, 1);
		encoding.writeVarUint(future, 0);
		const read = () => decodeHistoryPage(encoding.toUint8Array(future));
		expect(read).toThrow(HistoryFormatError);
		expect(read).toThrow(`history format version ${HISTORY_FORMAT_VERSION + 1} is not supported`);
	});

	it('refuses a snapshot read as a page, truncated bytes and trailing bytes', () => {
		const stored = encodeHistorySnapshot({ seq: 3, at: 7, state: new Uint8Array([1, 2, 3]) });
		expect(() => decodeHistoryPage(stored)).toThrow('expected a history page');
		expect(() => decodeHistorySnapshot(stored.subarray(0, stored.length - 1))).toThrow(
			HistoryFormatError
		);
		expect(() => decodeHistorySnapshot(new Uint8Array([...stored, 0]))).toThrow(
			'unexpected bytes after the history snapshot'
		);
		expect(() => decodeHistoryPage(new Uint8Array())).toThrow(HistoryFormatError);
	});
});
