import { describe, expect, it } from 'vitest';
import { panToKeepVisible } from './keep-in-view.ts';

describe('panToKeepVisible', () => {
	it('leaves a note that the keyboard does not hide where it is', () => {
		expect(panToKeepVisible({ top: 100, bottom: 260 }, { top: 0, height: 500 })).toBe(0);
	});

	it('moves a note hidden by the keyboard just above it', () => {
		// A 390×844 phone with the keyboard open: 500 px left; the note ends at 700.
		expect(panToKeepVisible({ top: 540, bottom: 700 }, { top: 0, height: 500 }, 16)).toBe(216);
	});

	it('never pushes the top of a tall note out of sight', () => {
		expect(panToKeepVisible({ top: 120, bottom: 900 }, { top: 0, height: 500 }, 16)).toBe(104);
	});
});
