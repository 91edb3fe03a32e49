import { describe, expect, it } from 'vitest';
import { activeMinutes, buckets, feedbackFigures, voiceBalanceIndex } from './aggregate.ts';
import { countWords, replayBoard } from './replay.ts';
import * as Y from 'yjs';
import { createSticky, itemText } from '../../../board/schema.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 14, minute, 30));

describe('figure aggregations', () => {
	it('is 1 when every category contributes in proportion to its headcount, lower otherwise', () => {
		const participants = { usager: 2, agent: 2 };
		const even = {
			usager: { created: 5, edited: 5, words: 0 },
			agent: { created: 10, edited: 0, words: 0 }
		};
		expect(voiceBalanceIndex({ participants, contributions: even })).toBe(1);
		const lopsided = { agent: { created: 10, edited: 0, words: 0 } };
		expect(voiceBalanceIndex({ participants, contributions: lopsided })).toBe(0.5);
		expect(voiceBalanceIndex({ participants: {}, contributions: lopsided })).toBeNull();
	});

	it('sums occurrences in regular 5-minute buckets, empty ones included', () => {
		const occurrences = [
			{ at: at(1), category: 'usager', count: 2 },
			{ at: at(12), category: 'agent', count: 1 }
		];
		const series = buckets({ occurrences, start: at(1), end: at(12) });
		expect(series.map((bucket) => bucket.byCategory)).toEqual([{ usager: 2 }, {}, { agent: 1 }]);
		expect(series[0]!.at).toBe('2026-11-26T14:00:00.000Z');
	});

	it('counts distinct active minutes per category and feedback distributions', () => {
		const occurrences = [at(1), at(1), at(3)].map((date) => ({
			at: date,
			category: 'usager',
			count: 1
		}));
		expect(activeMinutes(occurrences)).toEqual({ usager: 2 });
		expect(feedbackFigures([5, 4, 4])).toEqual({
			count: 3,
			mean: 4.3,
			distribution: [0, 0, 0, 2, 1]
		});
		expect(feedbackFigures([])).toBeNull();
	});

	it('attributes created and edited objects and words written to each update', () => {
		const author = new Y.Doc();
		const updates: Uint8Array[] = [];
		author.on('update', (update: Uint8Array) => updates.push(update));
		const id = createSticky(author, { x: 0, y: 0, text: 'Deux mots' });
		itemText(author, id)!.insert(0, 'Encore trois mots ');
		itemText(author, id)!.delete(0, 7);
		const logged = updates.map((update) => ({ at: at(1), category: 'usager', update }));
		const { events } = replayBoard({ base: null, updates: logged });
		expect(events.map(({ created, edited, words }) => ({ created, edited, words }))).toEqual([
			{ created: 1, edited: 0, words: 2 },
			{ created: 0, edited: 1, words: 3 },
			{ created: 0, edited: 1, words: 0 }
		]);
		expect(countWords('l’accueil en 2026')).toBe(4);
	});
});
