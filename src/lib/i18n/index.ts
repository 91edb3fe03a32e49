import { en } from './en.ts';
import { fr } from './fr.ts';

/** Languages of the UI. French first: it is the default. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';
/** Cookie remembering the language a person chose. */
export const LOCALE_COOKIE = 'croisee-locale';

/** The message catalogue's shape: one string per key; `{name}` marks a parameter. */
export type Messages = { [K in keyof typeof fr]: string };
export type MessageKey = keyof Messages;

const catalogues: Record<Locale, Messages> = { fr, en };

/** True when `value` names a supported locale. */
export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the locale from the remembered choice, then the browser's `Accept-Language`, then French. */
export function negotiateLocale(input: {
	cookie: string | undefined;
	acceptLanguage: string | null;
}): Locale {
	if (isLocale(input.cookie)) return input.cookie;
	const ranked = (input.acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.find((p) => p.trim().startsWith('q='));
			return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
		})
		.filter((entry) => entry.lang && entry.q > 0)
		.sort((a, b) => b.q - a.q);
	return ranked.map((entry) => entry.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

/** A function returning the message `key` in `locale`, with `{param}` placeholders filled in. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Builds the translate function of a locale. Besides `{param}`, a message may choose a form by a
 * number: `{count|one form|other form}` takes the first form when the locale's plural rule says
 * "one" for `count` (French: 0 and 1; English: 1), the second otherwise, so that no reader sees
 * "personne(s)".
 */
export function translator(locale: Locale): Translate {
	const messages = catalogues[locale];
	const plural = new Intl.PluralRules(locale);
	return (key, params) => {
		const text = messages[key];
		if (!params) return text;
		return text
			.replace(
				/\{(\w+)\|((?:[^|{}]|\{\w+\})*)\|((?:[^|{}]|\{\w+\})*)\}/g,
				(whole, name: string, one: string, other: string) => {
					const value = Number(params[name]);
					if (!(name in params) || !Number.isFinite(value)) return whole;
					return plural.select(value) === 'one' ? one : other;
				}
			)
			.replace(/\{(\w+)\}/g, (whole, name: string) =>
				name in params ? String(params[name]) : whole
			);
	};
}

/** True when `key` names a message of the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(catalogues[DEFAULT_LOCALE], key);
}

/** The sentence for a failure `code` (message `error_<code>`), or the generic error message. */
export function errorMessage(t: Translate, code: string | null | undefined): string {
	const key = `error_${code ?? 'generic'}`;
	return isMessageKey(key) ? t(key) : t('error_generic');
}

/** The label of a category: translated for the default ones, as written for a workshop's own. */
export function categoryLabel(t: Translate, category: string | null): string {
	if (category === null) return t('category_none');
	const key = `category_${category}`;
	return isMessageKey(key) ? t(key) : category;
}

/** The translated label of a permission role. */
export function roleLabel(t: Translate, role: string): string {
	const key = `role_${role}`;
	return isMessageKey(key) ? t(key) : role;
}
