import { describe, expect, it } from 'vitest';
import { rawKeysIn } from '../../../tests/helpers/raw-keys.ts';

describe('the raw-key finder used by the output tests', () => {
	it('finds stored keys, event types, message keys and placeholders, whole words only', () => {
		expect(rawKeysIn('Vote par usager · elu', 'fr')).toEqual(['usager', 'elu']);
		expect(rawKeysIn('Événement : vote-open', 'fr')).toEqual(['vote-open']);
		expect(rawKeysIn('report_title {date}', 'en')).toEqual(['report_title', '{date}']);
		expect(rawKeysIn('Catégorie : manager', 'fr')).toEqual(['manager']);
	});

	it('lets words through: labels, plurals, inclusive forms, English words in English', () => {
		expect(rawKeysIn('Usagers, Élu·es, Encadrants, participants, Participant·e', 'fr')).toEqual([]);
		expect(rawKeysIn('Each participant and manager, none other', 'en')).toEqual([]);
	});
});
