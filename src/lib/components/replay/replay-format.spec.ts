import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { eventLabel, formatElapsed } from './replay-format.ts';

/** Every event type the server records in `workshop_events` (facilitation, services, presence). */
const RECORDED_TYPES = [
	'join',
	'leave',
	'agenda',
	'phase',
	'timer-start',
	'timer-pause',
	'timer-add',
	'hand-raise',
	'hand-lower',
	'hand-lowered-by-facilitator',
	'reaction',
	'follow-start',
	'follow-stop',
	'spotlight',
	'lock',
	'unlock',
	'vote-open',
	'vote',
	'vote-retract',
	'vote-close',
	'brainstorm-start',
	'brainstorm-stop',
	'brainstorm-reveal',
	'groups-split',
	'groups-cross',
	'invite-revoked',
	'person-erased',
	'workshop-settings',
	'workshop-programme',
	'workshop-archived',
	'results-published',
	'results-unpublished',
	'log-purged',
	'objects-restored'
];

describe('eventLabel', () => {
	it('names every recorded event type in French and in English', () => {
		for (const locale of ['fr', 'en'] as const) {
			const t = translator(locale);
			for (const type of RECORDED_TYPES) {
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
