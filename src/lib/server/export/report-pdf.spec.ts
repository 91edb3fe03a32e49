import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pdfMappedCharacters, pdfText } from '../../../../tests/helpers/export-parsing.ts';
import { createSticky } from '../../board/schema.ts';
import { translator } from '../../i18n/index.ts';
import { FIGURES_VERSION, type WorkshopFigures } from '../../shared/figures.ts';
import { reportToPdf } from './report-pdf.ts';

/** Figures of a small workshop whose texts hold what French typography needs. */
function figures(): WorkshopFigures {
	const at = '2026-12-04T13:30:00.000Z';
	return {
		version: FIGURES_VERSION,
		computedAt: at,
		workshop: {
			title: 'Cœur de ville « apaisé »',
			date: at,
			categories: ['usager', 'agent', 'manager', 'elu'],
			archived: true
		},
		span: { start: at, end: at },
		categories: ['usager', 'agent', 'manager', 'elu'],
		participants: {
			byCategory: { usager: 8, agent: 3, manager: 1, elu: 2 },
			byRole: { facilitator: 1, participant: 14, observer: 0, evaluator: 0 }
		},
		contributions: {
			byCategory: { usager: { created: 12, edited: 4, words: 1234 } },
			overTime: [{ at, byCategory: { usager: 12 } }]
		},
		votes: { byCategory: { usager: 5, elu: 2 }, overTime: [{ at, byCategory: { usager: 5 } }] },
		activeMinutes: { usager: 20, agent: 5 },
		voiceBalance: 0.825,
		voteRounds: [
			{
				board: 'Pistes',
				closedAt: at,
				objects: [{ label: 'Navette 🚌 le samedi', total: 7, byCategory: { usager: 5, elu: 2 } }]
			}
		],
		barometer: [
			{ board: 'Baromètre', criterion: 'Accueil', means: { usager: 2, agent: 2.5 }, gap: -0.5 }
		],
		feedback: {
			overall: { count: 3, mean: 4.5, distribution: [0, 0, 0, 1, 2] },
			byCategory: { usager: { count: 3, mean: 4.5, distribution: [0, 0, 0, 1, 2] } },
			comments: [
				{ category: 'usager', satisfaction: 5, worked: 'L’écoute 👍', change: 'Plus de temps' }
			]
		}
	};
}

describe('report as PDF', () => {
	it('writes French text in a Unicode font: accents, œ, « », the minus sign, narrow spaces, emoji words', async () => {
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, text: 'Œuvre commune 🎉', category: 'elu' });
		const bytes = await reportToPdf({
			figures: figures(),
			t: translator('fr'),
			locale: 'fr',
			facilitators: ['Fatima Facilitatrice'],
			boards: [{ title: 'Pistes', doc }]
		});
		const text = (await pdfText(bytes)).replace(/[ \n\r\t]+/g, ' ');
		expect(text).toContain('Cœur de ville « apaisé »');
		expect(text).toContain('4 décembre 2026');
		expect(text).toContain('Fatima Facilitatrice');
		for (const group of ['Usagers', 'Agents', 'Encadrants', 'Élu·es'])
			expect(text).toContain(group);
		expect(text).toContain('−0,5'); // the barometer gap, with a true minus sign
		expect(text).toContain('1 234'); // grouped with a narrow no-break space
		expect(text).toContain('Navette [émoji] le samedi');
		expect(text).toContain('Œuvre commune [émoji]');
		expect(text).toContain('« L’écoute [émoji] »');
		expect(text).toMatch(/Page 1 sur \d+/);
		expect(text).not.toMatch(/\b(usager|elu|manager)\b/);
		const mapped = pdfMappedCharacters(bytes);
		for (const char of ['\u202f', '\u2212', 'œ', 'Œ', '«', '»', 'É', '’'])
			expect(mapped).toContain(char);
	});

	it('draws the figures over time and the voice shares as charts with titles, axes and category names', async () => {
		const data = figures();
		data.contributions.overTime = [
			{ at: '2026-12-04T13:30:00.000Z', byCategory: { usager: 3, agent: 1 } },
			{ at: '2026-12-04T13:35:00.000Z', byCategory: { usager: 6 } },
			{ at: '2026-12-04T13:40:00.000Z', byCategory: { agent: 2, elu: 1 } }
		];
		data.contributions.byCategory.agent = { created: 3, edited: 0, words: 12 };
		const fr = (
			await pdfText(await reportToPdf({ figures: data, t: translator('fr'), locale: 'fr' }))
		).replace(/\s+/g, ' ');
		expect(fr).toContain('Contributions par tranche de 5 minutes');
		// Axis titles and the time labels, in Paris time with French typography.
		expect(fr).toContain('Objets créés ou modifiés');
		expect(fr).toContain('Gommettes posées');
		expect(fr).toMatch(/14 h 30 .*14 h 35 .*14 h 40/);
		expect(fr).toContain('Heure');
		expect(fr).toContain('Équilibre des voix : part des personnes et part des contributions');
		expect(fr).toMatch(/Usagers Part des personnes 57,1 % Part des contributions 84,2 %/);
		expect(fr).toMatch(/Agents Part des personnes 21,4 % Part des contributions 15,8 %/);
		const en = (
			await pdfText(await reportToPdf({ figures: data, t: translator('en'), locale: 'en' }))
		).replace(/\s+/g, ' ');
		expect(en).toContain('Objects created or edited');
		expect(en).toContain('Share of people');
		expect(en).toMatch(/Service users Share of people 57\.1% Share of contributions 84\.2%/);
		expect(en).not.toMatch(/\b(usager|elu|manager)\b/);
	});

	it('writes the English report with English labels and no facilitator name when none is given', async () => {
		const bytes = await reportToPdf({ figures: figures(), t: translator('en'), locale: 'en' });
		const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
		expect(text).toContain('Service users');
		expect(text).toContain('Elected officials');
		expect(text).toContain('December 4, 2026');
		expect(text).toContain('−0.5');
		expect(text).not.toContain('Facilitated by');
		expect(text).toMatch(/Page 1 of \d+/);
	});
});
