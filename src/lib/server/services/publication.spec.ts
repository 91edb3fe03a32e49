import { describe, expect, it } from 'vitest';
import { FIGURES_VERSION, type WorkshopFigures } from '../../shared/figures.ts';
import { publicFigures } from './publication.ts';

const feedback = (count: number, mean: number) => ({
	count,
	mean,
	distribution: [0, 0, 0, 0, count] as [number, number, number, number, number]
});

const round = (board: string) => ({
	board,
	closedAt: '2026-01-01T10:00:00.000Z',
	objects: [{ label: `idée de ${board}`, total: 2, byCategory: { usager: 2 } }]
});

const figures: WorkshopFigures = {
	version: FIGURES_VERSION,
	computedAt: '2026-01-01T12:00:00.000Z',
	workshop: { title: 'Atelier', date: null, categories: ['usager', 'elu'], archived: true },
	span: { start: null, end: null },
	categories: ['usager', 'elu'],
	participants: {
		byCategory: { usager: 4, elu: 1 },
		byRole: { facilitator: 1, participant: 5, observer: 0, evaluator: 0 }
	},
	contributions: { byCategory: {}, overTime: [] },
	votes: { byCategory: { usager: 4 }, overTime: [] },
	activeMinutes: {},
	voiceBalance: null,
	voteRounds: [round('Plénière'), round('Coulisses'), round('Doublon')],
	barometer: [{ board: 'Coulisses', criterion: 'Accueil', means: { usager: 3 }, gap: null }],
	feedback: {
		overall: feedback(5, 4),
		byCategory: { usager: feedback(4, 4), elu: feedback(1, 2) },
		comments: [{ category: 'elu', satisfaction: 2, worked: '', change: 'Moins long' }]
	}
};

describe('publicFigures', () => {
	const shown = publicFigures(figures, {
		shown: ['Plénière', 'Doublon'],
		hidden: ['Coulisses', 'Doublon']
	});

	it('drops every free-text comment and the satisfaction of categories with too few answers', () => {
		expect(shown.feedback.comments).toEqual([]);
		expect(shown.feedback.byCategory).toEqual({ usager: feedback(4, 4) });
		expect(shown.feedback.overall).toEqual(feedback(5, 4));
		const few = publicFigures(
			{ ...figures, feedback: { ...figures.feedback, overall: feedback(2, 3) } },
			{ shown: [], hidden: [] }
		);
		expect(few.feedback.overall).toBeNull();
	});

	it('keeps vote rounds and barometer rows of chosen boards only, ambiguous titles left out', () => {
		expect(shown.voteRounds.map((r) => r.board)).toEqual(['Plénière']);
		expect(shown.barometer).toEqual([]);
		expect(shown.participants.byRole).toEqual(figures.participants.byRole);
	});

	it('hides every figure of a category with fewer than the minimum of participants', () => {
		const detailed: WorkshopFigures = {
			...figures,
			categories: ['usager', 'agent', 'elu'],
			participants: { ...figures.participants, byCategory: { usager: 4, agent: 3, elu: 1 } },
			contributions: {
				byCategory: {
					usager: { created: 5, edited: 1, words: 20 },
					elu: { created: 2, edited: 0, words: 9 }
				},
				overTime: [{ at: '2026-01-01T10:00:00.000Z', byCategory: { usager: 2, elu: 1 } }]
			},
			votes: {
				byCategory: { usager: 3, elu: 2 },
				overTime: [{ at: '2026-01-01T10:05:00.000Z', byCategory: { elu: 2 } }]
			},
			activeMinutes: { usager: 12, elu: 3 },
			voteRounds: [
				{
					board: 'Plénière',
					closedAt: '2026-01-01T10:10:00.000Z',
					objects: [{ label: 'Navette', total: 5, byCategory: { usager: 3, elu: 2 } }]
				}
			],
			barometer: [
				{ board: 'Plénière', criterion: 'Accueil', means: { usager: 3, elu: 5 }, gap: null },
				{ board: 'Plénière', criterion: 'Délais', means: { usager: 2, agent: 4 }, gap: -2 }
			],
			feedback: {
				overall: feedback(8, 4),
				byCategory: { usager: feedback(4, 4), agent: feedback(3, 3), elu: feedback(1, 2) },
				comments: []
			}
		};
		const three = publicFigures(detailed, { shown: ['Plénière'], hidden: [] }, 3);
		const text = JSON.stringify({ ...three, workshop: null });
		expect(text).not.toContain('elu');
		expect(three.categories).toEqual(['usager', 'agent']);
		expect(three.participants.byCategory).toEqual({ usager: 4, agent: 3 });
		// The total counts shown categories only: the hidden one cannot be found by difference.
		expect(three.voteRounds[0]?.objects).toEqual([
			{ label: 'Navette', total: 3, byCategory: { usager: 3 } }
		]);
		expect(three.barometer[1]).toMatchObject({ means: { usager: 2, agent: 4 }, gap: -2 });
		expect(Object.keys(three.feedback.byCategory)).toEqual(['usager', 'agent']);

		const four = publicFigures(detailed, { shown: ['Plénière'], hidden: [] }, 4);
		expect(four.categories).toEqual(['usager']);
		expect(four.barometer[1]).toMatchObject({ means: { usager: 2 }, gap: null });
		expect(four.feedback.byCategory).toEqual({ usager: feedback(4, 4) });
		const one = publicFigures(detailed, { shown: ['Plénière'], hidden: [] }, 1);
		expect(one.participants.byCategory).toEqual(detailed.participants.byCategory);
	});
});
