import { describe, expect, it } from 'vitest';
import { findUnstorableText, isUnstorableText } from './text-guard.ts';

describe('text the database cannot store', () => {
	it('refuses NUL characters and lone surrogates, and accepts every other text', () => {
		expect(isUnstorableText('nul\u0000byte')).toBe(true);
		expect(isUnstorableText('lone \uD800 high')).toBe(true);
		expect(isUnstorableText('lone \uDC00 low')).toBe(true);
		expect(isUnstorableText('👩‍👩‍👧‍👦 € \u202E ñ \t\n <script>')).toBe(false);
	});

	it('names where a bad string sits in a JSON body', () => {
		expect(findUnstorableText({ name: 'ok', nested: [{ title: 'a\u0000' }] })).toBe(
			'nested.0.title'
		);
		expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('(key)');
		expect(findUnstorableText('\uD800')).toBe('(body)');
		expect(findUnstorableText({ name: 'Élodie', n: 3, ok: null })).toBeNull();
	});
});
