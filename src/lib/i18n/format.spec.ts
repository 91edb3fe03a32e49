import { describe, expect, it } from 'vitest';
import {
	NARROW_NBSP,
	formatDate,
	formatDateTime,
	formatNumber,
	formatPercent,
	formatTime
} from './format.ts';

const AT = new Date(2026, 11, 4, 14, 30);

describe('locale formatting', () => {
	it('writes French dates and times the French way', () => {
		expect(formatDate('fr', AT)).toBe('4 déc. 2026');
		expect(formatTime('fr', AT)).toBe(`14${NARROW_NBSP}h${NARROW_NBSP}30`);
		expect(formatDateTime('fr', AT)).toBe(`4 déc. 2026, 14${NARROW_NBSP}h${NARROW_NBSP}30`);
		expect(formatDate('fr', AT, 'long')).toBe('4 décembre 2026');
	});

	it('writes English dates and times the English way', () => {
		expect(formatDate('en', AT)).toBe('Dec 4, 2026');
		expect(formatTime('en', AT)).toMatch(/^2:30\s?PM$/);
	});

	it('writes French numbers with a decimal comma and narrow no-break spaces', () => {
		expect(formatPercent('fr', 0.125)).toBe(`12,5${NARROW_NBSP}%`);
		expect(formatNumber('fr', 12345.67)).toBe(`12${NARROW_NBSP}345,7`);
		expect(formatPercent('en', 0.125)).toBe('12.5%');
		expect(formatNumber('en', 3.25, 2)).toBe('3.25');
		expect(formatNumber('fr', -0.5)).toBe('\u22120,5');
	});
});
