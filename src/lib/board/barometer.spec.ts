import { describe, expect, it } from 'vitest';
import { parseRating } from './barometer.ts';

describe('barometer ratings', () => {
	it('reads the score at the start of a note, alone or followed by a separator', () => {
		expect(parseRating('4')).toBe(4);
		expect(parseRating(' 2/5 ')).toBe(2);
		expect(parseRating('1 — on attend trop')).toBe(1);
		expect(parseRating('3: correct')).toBe(3);
		expect(parseRating('5\nTrès bon accueil')).toBe(5);
		expect(parseRating('5.')).toBe(5);
	});

	it('does not read numbers in sentences, out-of-range or decimal scores as ratings', () => {
		expect(parseRating('5 ans d’attente')).toBeNull();
		expect(parseRating('Note de 1 à 5, et pourquoi')).toBeNull();
		expect(parseRating('6')).toBeNull();
		expect(parseRating('0')).toBeNull();
		expect(parseRating('45')).toBeNull();
		expect(parseRating('')).toBeNull();
	});
});
