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
		expect(shown.participants).toEqual(figures.participants);
	});
});
