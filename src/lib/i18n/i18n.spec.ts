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
