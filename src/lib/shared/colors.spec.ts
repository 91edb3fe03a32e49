import { describe, expect, it } from 'vitest';
import {
	CATEGORY_COLORS,
	EXTRA_CATEGORY_COLORS,
	PERSON_COLORS,
	categoryColor,
	colorForUser,
	contrast
} from './colors.ts';

function luminance(hex: string): number {
	const channel = (value: number) => {
		const c = value / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const n = Number.parseInt(hex.slice(1), 16);
	return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

describe('person colours', () => {
	it('all keep white text readable (contrast ≥ 4.5:1)', () => {
		for (const color of PERSON_COLORS) {
			expect(1.05 / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('are stable per user and spread over the palette', () => {
		expect(colorForUser('abc')).toBe(colorForUser('abc'));
		const used = new Set(Array.from({ length: 200 }, (_, i) => colorForUser(`user${i}`)));
		expect(used.size).toBe(PERSON_COLORS.length);
	});
});

describe('category colours', () => {
	const all = [...Object.values(CATEGORY_COLORS), ...EXTRA_CATEGORY_COLORS];

	it('read on white and carry white text (contrast ≥ 4.5:1)', () => {
		for (const color of all) expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
	});

	it('give each default category its own colour, and a workshop’s own categories a stable one', () => {
		const defaults = ['usager', 'agent', 'manager', 'elu', 'other'].map(categoryColor);
		expect(new Set(defaults).size).toBe(defaults.length);
		expect(categoryColor('travailleur pair')).toBe(categoryColor('travailleur pair'));
		expect(EXTRA_CATEGORY_COLORS).toContain(categoryColor('travailleur pair'));
		expect(categoryColor(null)).toBe(CATEGORY_COLORS.none);
	});

	it('computes WCAG contrast like the reference values', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
	});
});
