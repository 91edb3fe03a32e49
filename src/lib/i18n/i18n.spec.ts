import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { negotiateLocale, translator } from './index.ts';

describe('negotiateLocale', () => {
	it('prefers the remembered choice over the browser', () => {
		expect(negotiateLocale({ cookie: 'en', acceptLanguage: 'fr-FR,fr;q=0.9' })).toBe('en');
	});

	it('follows the browser when nothing was chosen', () => {
		expect(negotiateLocale({ cookie: undefined, acceptLanguage: 'en-GB,en;q=0.9,fr;q=0.8' })).toBe(
			'en'
		);
		expect(negotiateLocale({ cookie: undefined, acceptLanguage: 'de-DE,fr;q=0.5,en;q=0.4' })).toBe(
			'fr'
		);
	});

	it('falls back to French for unknown or missing languages and ignores a forged cookie', () => {
		expect(negotiateLocale({ cookie: 'xx', acceptLanguage: 'de' })).toBe('fr');
		expect(negotiateLocale({ cookie: undefined, acceptLanguage: null })).toBe('fr');
	});

	it('honours quality values', () => {
		expect(negotiateLocale({ cookie: undefined, acceptLanguage: 'fr;q=0.2, en;q=0.9' })).toBe('en');
	});
});

describe('translator', () => {
	it('chooses the singular or plural form by each language’s rule, never "(s)"', () => {
		const tFr = translator('fr');
		const tEn = translator('en');
		expect(tFr('live_room_people', { count: 1 })).toBe('1 personne connectée');
		expect(tFr('live_room_people', { count: 0 })).toBe('0 personne connectée');
		expect(tFr('live_room_people', { count: 12 })).toBe('12 personnes connectées');
		expect(tEn('live_room_people', { count: 1 })).toBe('1 person connected');
		expect(tEn('live_room_people', { count: 0 })).toBe('0 people connected');
		// A form may hold the number itself.
		expect(tFr('deletions_restore', { count: 1 })).toBe('Remettre cet objet sur le tableau');
		expect(tFr('deletions_restore', { count: 4 })).toBe('Remettre ces 4 objets sur le tableau');
		for (const locale of ['fr', 'en'] as const) {
			const messages = Object.values(locale === 'fr' ? fr : en);
			expect(messages.filter((text) => text.includes('(s)'))).toEqual([]);
		}
	});

	it('fills parameters and leaves unknown placeholders visible', () => {
		const t = translator('fr');
		const key = Object.keys(fr)[0] as keyof typeof fr;
		expect(t(key)).toBe(fr[key]);
		expect(translator('en')(key)).toBe(en[key]);
	});

	it('has every French message in English, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
		for (const value of [...Object.values(fr), ...Object.values(en)])
			expect(value.trim()).not.toBe('');
	});
});
