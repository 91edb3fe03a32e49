import { describe, expect, it } from 'vitest';
import { linesThatFit, wrapText } from './text-wrap.ts';

describe('wrapText', () => {
	it('wraps on words within the width and keeps hard line breaks', () => {
		expect(wrapText({ text: 'un deux trois\nquatre', width: 55, fontSize: 10 })).toEqual([
			'un deux',
			'trois',
			'quatre'
		]);
	});

	it('stops at maxLines, ending the last line with an ellipsis, only when text was left out', () => {
		const text = 'un deux trois quatre cinq six';
		expect(wrapText({ text, width: 55, fontSize: 10, maxLines: 2 })).toEqual(['un deux', 'trois…']);
		expect(wrapText({ text: 'un deux', width: 55, fontSize: 10, maxLines: 2 })).toEqual([
			'un deux'
		]);
		const full = wrapText({ text: 'abcdefghij'.repeat(3), width: 55, fontSize: 10, maxLines: 1 });
		expect(full).toEqual(['abcdefghi…']);
	});

	it('costs what it shows: a 10,000-character text cut to a few lines', () => {
		const text = 'mobilité '.repeat(1200);
		const lines = wrapText({ text, width: 180, fontSize: 10, maxLines: linesThatFit(164, 10) });
		expect(lines).toHaveLength(12);
		expect(lines.at(-1)?.endsWith('…')).toBe(true);
	});
});
