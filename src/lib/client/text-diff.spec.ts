import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applySplice, diffText, transformPosition, type TextDeltaOp } from './text-diff.ts';

describe('diffText', () => {
	it('returns null when nothing changed', () => {
		expect(diffText('abc', 'abc')).toBeNull();
	});

	it('finds a single insertion, deletion and replacement', () => {
		expect(diffText('Bonjour', 'Bonjour !')).toEqual({ index: 7, remove: 0, insert: ' !' });
		expect(diffText('Bonjour', 'Bjour')).toEqual({ index: 1, remove: 2, insert: '' });
		expect(diffText('le vélo', 'le bus')).toEqual({ index: 3, remove: 4, insert: 'bus' });
	});

	it('places an ambiguous insertion at the caret', () => {
		// Typing "a" between the first and second "a" of "aaa": the caret ends at 2.
		expect(diffText('aaa', 'aaaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
		// Without a caret, the leftmost-longest prefix wins.
		expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
	});

	it('places an ambiguous deletion at the caret', () => {
		// Backspace after the second "a" of "aaa": the caret ends at 1.
		expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
	});

	it('never splits a surrogate pair', () => {
		// Two emoji sharing their high surrogate: the splice must cover the whole pair.
		const splice = diffText('a😀b', 'a😃b');
		expect(splice).toEqual({ index: 1, remove: 2, insert: '😃' });
	});

	it('round-trips random edits', () => {
		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const alphabet = 'ab é😀\n';
		const pick = () => [...alphabet][Math.floor(random() * [...alphabet].length)] ?? 'a';
		for (let round = 0; round < 500; round++) {
			const prev = Array.from({ length: Math.floor(random() * 8) }, pick).join('');
			const cut = Math.floor(random() * (prev.length + 1));
			const next = prev.slice(0, cut) + pick() + prev.slice(cut + Math.floor(random() * 3));
			const splice = diffText(prev, next, cut + 1);
			expect(splice ? applySplice(prev, splice) : prev, `seed 42, round ${round}`).toBe(next);
		}
	});
});

describe('transformPosition', () => {
	it('shifts the caret after an insertion before it, not after one behind it', () => {
		expect(transformPosition(5, [{ retain: 2 }, { insert: 'xyz' }])).toBe(8);
		expect(transformPosition(1, [{ retain: 2 }, { insert: 'xyz' }])).toBe(1);
	});

	it('keeps the caret before text inserted exactly at it', () => {
		expect(transformPosition(2, [{ retain: 2 }, { insert: 'xyz' }])).toBe(2);
	});

	it('pulls the caret back after a deletion before it, down to the deletion start', () => {
		expect(transformPosition(6, [{ retain: 1 }, { delete: 2 }])).toBe(4);
		expect(transformPosition(2, [{ retain: 1 }, { delete: 4 }])).toBe(1);
		expect(transformPosition(0, [{ delete: 4 }])).toBe(0);
	});

	it('follows a real Yjs delta from a concurrent edit', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const textA = a.getText('t');
		textA.insert(0, 'Bonjour tout le monde');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const deltas: TextDeltaOp[][] = [];
		b.getText('t').observe((event) => deltas.push(event.delta as TextDeltaOp[]));
		textA.delete(0, 8);
		textA.insert(0, 'Salut ');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		// A caret before "monde" in b (index 16) stays before "monde".
		const caret = deltas.reduce((position, delta) => transformPosition(position, delta), 16);
		expect(b.getText('t').toString().slice(caret)).toBe('monde');
	});
});
