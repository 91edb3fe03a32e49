import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAppContext, type AppContext } from '../context.ts';
import { translator } from '../../i18n/index.ts';
import { anonymousNameFor, pseudonymFor, pseudonymTag, seesPseudonyms } from './pseudonyms.ts';

describe('pseudonyms', () => {
	beforeAll(() => setAppContext({ sealKey: new Uint8Array(32).fill(7) } as AppContext));
	afterAll(() => setAppContext(null));

	it('gives one person the same pseudonym in a workshop and another one elsewhere', () => {
		const a = pseudonymFor({ workshopId: 'w1', userId: 'u1', category: 'usager' });
		expect(a).toMatch(/^Usager #[0-9A-F]{6}$/);
		expect(pseudonymFor({ workshopId: 'w1', userId: 'u1', category: 'usager' })).toBe(a);
		expect(pseudonymTag({ workshopId: 'w2', userId: 'u1' })).not.toBe(
			pseudonymTag({ workshopId: 'w1', userId: 'u1' })
		);
		expect(pseudonymTag({ workshopId: 'w1', userId: 'u2' })).not.toBe(
			pseudonymTag({ workshopId: 'w1', userId: 'u1' })
		);
		expect(pseudonymFor({ workshopId: 'w1', userId: 'u1' })).toMatch(/^Participant·e #/);
	});

	it('depends on the server key, so the ids alone do not give it away', () => {
		const before = pseudonymTag({ workshopId: 'w1', userId: 'u1' });
		setAppContext({ sealKey: new Uint8Array(32).fill(8) } as AppContext);
		expect(pseudonymTag({ workshopId: 'w1', userId: 'u1' })).not.toBe(before);
		setAppContext({ sealKey: new Uint8Array(32).fill(7) } as AppContext);
	});

	it('applies to evaluators only, unless the workshop shows them names', () => {
		expect(seesPseudonyms({ role: 'evaluator', evaluatorsSeeNames: false })).toBe(true);
		expect(seesPseudonyms({ role: 'evaluator', evaluatorsSeeNames: true })).toBe(false);
		expect(seesPseudonyms({ role: 'participant', evaluatorsSeeNames: false })).toBe(false);
		expect(seesPseudonyms({ role: 'facilitator', evaluatorsSeeNames: false })).toBe(false);
	});

	it('reads in words in the reader’s language, never as a stored key', () => {
		const en = translator('en');
		expect(pseudonymFor({ workshopId: 'w1', userId: 'u1', category: 'elu', t: en })).toMatch(
			/^Elected official #[0-9A-F]{6}$/
		);
		expect(pseudonymFor({ workshopId: 'w1', userId: 'u1', category: 'elu' })).toMatch(/^Élu·e #/);
		expect(anonymousNameFor({ category: 'usager' })).toBe('Usager');
		expect(anonymousNameFor({ category: 'manager', t: en })).toBe('Manager');
		expect(anonymousNameFor({ category: null })).toBe('Anonyme');
		expect(anonymousNameFor({ category: 'travailleur pair' })).toBe('travailleur pair');
	});
});
