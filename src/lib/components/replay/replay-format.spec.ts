import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { WORKSHOP_EVENT_TYPES } from '../../shared/workshop-events.ts';
import { eventLabel, eventMessageKey, formatElapsed } from './replay-format.ts';

describe('eventLabel', () => {
	it('names every labelled event type of the catalogue in French and in English', () => {
		const labelled = WORKSHOP_EVENT_TYPES.filter((type) => eventMessageKey(type) !== null);
		expect(labelled.length).toBeGreaterThan(30);
		for (const locale of ['fr', 'en'] as const) {
			const t = translator(locale);
			for (const type of labelled) {
				expect(eventLabel(t, type), `${locale} ${type}`).not.toBe(t('event_other', { type }));
			}
		}
		expect(eventLabel(translator('fr'), 'vote-open')).toBe('Ouverture du vote');
		expect(eventLabel(translator('en'), 'vote-open')).toBe('Vote opened');
	});

	it('falls back to a generic label naming an unknown type', () => {
		expect(eventLabel(translator('fr'), 'nouveau-type')).toBe('Événement : nouveau-type');
	});
});

describe('formatElapsed', () => {
	it('shows hours, minutes and seconds, rounding down, never negative', () => {
		expect(formatElapsed(3_725_999)).toBe('1:02:05');
		expect(formatElapsed(-5)).toBe('0:00:00');
	});
});
