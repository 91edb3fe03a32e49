import { describe, expect, it } from 'vitest';
import { NOTE_COLORS } from './schema.ts';
import { contrastRatio } from '../shared/contrast.ts';
import { NOTE_BACKGROUNDS, NOTE_TEXT_COLOR, inkColor, noteBackground } from './note-palette.ts';

describe('note palette', () => {
	it('gives every colour of the schema a background', () => {
		for (const color of NOTE_COLORS) expect(NOTE_BACKGROUNDS[color]).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('keeps the note text at a contrast of at least 4.5:1 (WCAG AA) on every colour', () => {
		for (const color of NOTE_COLORS) {
			expect(contrastRatio(NOTE_TEXT_COLOR, NOTE_BACKGROUNDS[color]), color).toBeGreaterThanOrEqual(
				4.5
			);
		}
	});

	it('falls back to yellow for an unknown colour name', () => {
		expect(noteBackground('chartreuse')).toBe(NOTE_BACKGROUNDS.yellow);
	});
});

describe('ink colours', () => {
	it('draw lines with at least 3:1 contrast on the canvas background', () => {
		for (const color of ['ink', ...NOTE_COLORS]) {
			expect(contrastRatio(inkColor(color), '#eef0f3')).toBeGreaterThanOrEqual(3);
		}
	});
});
