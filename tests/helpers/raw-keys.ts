import { fr } from '../../src/lib/i18n/fr.ts';

/**
 * Finds internal keys in text meant for people (pages, PDF, CSV, SVG): a category, role, state or
 * event type as stored (`usager`, `elu`, `evaluator`, `vote-open`), an untranslated message key
 * (`report_title`) or an unfilled `{placeholder}`. Whole words only, case-sensitive: "Usagers" or
 * "participants" are words, `usager` is a key. Run it on rendered text, never on URLs or attributes.
 */

/** Keys that are never a word of the language. */
const KEYS_EVERY_LANGUAGE = ['usager', 'elu', 'sticky', 'facilitator', 'evaluator'];

/** Keys that are English words, hence raw keys only in French text. */
const KEYS_NOT_FRENCH = ['manager', 'other', 'none', 'observer', 'archived', 'active', 'frame'];

/** Workshop event types as stored (`vote-open`): derived from the catalogue's `event_*` labels. */
const EVENT_TYPES = Object.keys(fr)
	.filter((key) => key.startsWith('event_') && key.includes('_', 6))
	.map((key) => key.slice('event_'.length).replaceAll('_', '-'));

const MESSAGE_KEY = /^[a-z]+(?:_[a-z0-9]+)+$/;
const WORD = /[\p{L}\p{N}_·'’-]+/gu;

/** The raw keys found in `text` (empty: clean), each once, in order of appearance. */
export function rawKeysIn(text: string, locale: 'fr' | 'en'): string[] {
	const keys = new Set([
		...KEYS_EVERY_LANGUAGE,
		...(locale === 'fr' ? KEYS_NOT_FRENCH : []),
		...EVENT_TYPES
	]);
	const found = new Set<string>();
	for (const [word] of text.matchAll(WORD)) {
		const bare = word.replace(/^[-'’]+|[-'’]+$/g, '');
		if (keys.has(bare) || MESSAGE_KEY.test(bare)) found.add(bare);
	}
	for (const [placeholder] of text.matchAll(/\{[a-z]+\}/g)) found.add(placeholder);
	return [...found];
}
