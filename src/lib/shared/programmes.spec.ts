import { describe, expect, it } from 'vitest';
import { FIGURES_VERSION, type WorkshopFigures } from './figures.ts';
import { programmeFigures, sharesOf } from './programmes.ts';

/** Figures of a workshop with the given participants and contributions per category. */
function figures(input: {
	title: string;
	categories: string[];
	participants: Record<string, number>;
	created: Record<string, number>;
}): WorkshopFigures {
	return {
		version: FIGURES_VERSION,
		computedAt: '2026-01-01T00:00:00.000Z',
		workshop: { title: input.title, date: null, categories: input.categories, archived: true },
		span: { start: null, end: null },
		categories: input.categories,
		participants: {
			byCategory: input.participants,
			byRole: { facilitator: 1, participant: 0, observer: 0, evaluator: 0 }
		},
		contributions: {
			byCategory: Object.fromEntries(
				Object.entries(input.created).map(([key, n]) => [key, { created: n, edited: 1, words: 0 }])
			),
			overTime: []
		},
		votes: { byCategory: {}, overTime: [] },
		activeMinutes: { usager: 3 },
		voiceBalance: 0.5,
		voteRounds: [],
		barometer: [],
		feedback: { overall: null, byCategory: {}, comments: [] }
	};
}

describe('sharesOf', () => {
	it('gives percentages with one decimal, and nothing for an empty total', () => {
		expect(sharesOf({ usager: 1, agent: 2 })).toEqual({ usager: 33.3, agent: 66.7 });
		expect(sharesOf({ usager: 0, agent: 0 })).toEqual({});
		expect(sharesOf({})).toEqual({});
	});
});

describe('programmeFigures', () => {
	it('orders workshops by date and lists categories in first-seen order', () => {
		const later = figures({
			title: 'B',
			categories: ['usager', 'elu'],
			participants: { usager: 3, elu: 1 },
			created: { usager: 3 }
		});
		const earlier = figures({
			title: 'A',
			categories: ['agent', 'usager'],
			participants: { agent: 1, usager: 1 },
			created: { agent: 1, usager: 3 }
		});
		const result = programmeFigures([
			{ workshopId: 'b', date: '2026-03-01T00:00:00.000Z', figures: later },
			{ workshopId: 'a', date: '2026-01-01T00:00:00.000Z', figures: earlier }
		]);
		expect(result.workshops.map((s) => s.title)).toEqual(['A', 'B']);
		expect(result.categories).toEqual(['agent', 'usager', 'elu']);
		// Contributions are objects created plus edited: agent 1+1, usager 3+1.
		expect(result.workshops[0]!.contributionShare).toEqual({ agent: 33.3, usager: 66.7 });
		expect(result.workshops[1]!.participantShare).toEqual({ usager: 75, elu: 25 });
	});
});
