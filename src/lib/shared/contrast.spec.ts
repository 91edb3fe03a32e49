import { describe, expect, it } from 'vitest';
import { contrastRatio, readableTextOn } from './contrast.ts';

describe('contrast', () => {
	it('computes the textbook contrast ratios', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
	});

	it('picks white text on dark colours and dark text on light ones', () => {
		expect(readableTextOn('#1f4b99')).toBe('#ffffff');
		expect(readableTextOn('#ffe066')).toBe('#1b1f27');
	});
});
