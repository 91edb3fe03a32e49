import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { barometerGaps, isBarometer } from '../../board/barometer.ts';
import { reparent } from '../../board/operations.ts';
import { buildTemplate } from './templates.ts';
import { createItem, createSticky, listItems } from '../../board/schema.ts';

/** Places a rating note of `category` inside the frame named `criterion`. */
function rate(doc: Y.Doc, input: { criterion: string; category: string | null; text: string }) {
	const frame = listItems(doc).find(
		(item) => item.type === 'frame' && item.text === input.criterion
	);
	if (!frame) throw new Error(`no frame ${input.criterion}`);
	const id = createSticky(doc, {
		x: frame.x + 400,
		y: frame.y + 60,
		text: input.text,
		category: input.category
	});
	reparent(doc, [id]);
	return id;
}

describe('the barometer template', () => {
	it('knows a board built from the barometer template', () => {
		expect(isBarometer({ doc: buildTemplate('barometer') })).toBe(true);
		expect(isBarometer({ doc: buildTemplate('idea-box') })).toBe(false);
	});
});

describe('barometer gaps', () => {
	it('gives each criterion of the template, in order, with no rating yet', () => {
		const gaps = barometerGaps({ doc: buildTemplate('barometer') });
		expect(gaps.map((gap) => gap.criterion)).toEqual([
			'Accueil',
			'Délais',
			'Clarté de l’information',
			'Écoute',
			'Accessibilité'
		]);
		// The template's own example note has no category and is not a score.
		for (const gap of gaps) expect(gap).toMatchObject({ usager: null, agent: null, gap: null });
	});

	it('averages each category per criterion and subtracts agents from usagers', () => {
		const doc = buildTemplate('barometer');
		rate(doc, { criterion: 'Accueil', category: 'usager', text: '2 — long' });
		rate(doc, { criterion: 'Accueil', category: 'usager', text: '3' });
		rate(doc, { criterion: 'Accueil', category: 'agent', text: '4/5' });
		rate(doc, { criterion: 'Accueil', category: 'elu', text: '5' });
		rate(doc, { criterion: 'Délais', category: 'agent', text: '1' });
		const [accueil, delais] = barometerGaps({ doc });
		expect(accueil).toMatchObject({ usager: 2.5, agent: 4, gap: -1.5 });
		expect(accueil?.byCategory).toEqual({
			usager: { mean: 2.5, count: 2 },
			agent: { mean: 4, count: 1 },
			elu: { mean: 5, count: 1 }
		});
		// One side missing: no gap rather than a made-up one.
		expect(delais).toMatchObject({ usager: null, agent: 1, gap: null });
	});

	it('ignores notes without category, without score, outside the frame, and frames', () => {
		const doc = buildTemplate('barometer');
		rate(doc, { criterion: 'Écoute', category: null, text: '1' });
		rate(doc, { criterion: 'Écoute', category: 'usager', text: 'Pas de note ici' });
		rate(doc, { criterion: 'Écoute', category: 'usager', text: '4' });
		createSticky(doc, { x: 5000, y: 5000, text: '1', category: 'usager' });
		createItem(doc, { type: 'connector', x: 0, y: 0, start: { x: 0, y: 0 }, end: { x: 1, y: 1 } });
		const ecoute = barometerGaps({ doc }).find((gap) => gap.criterion === 'Écoute');
		expect(ecoute?.byCategory).toEqual({ usager: { mean: 4, count: 1 } });
	});

	it('follows a rating moved to another criterion', () => {
		const doc = buildTemplate('barometer');
		const id = rate(doc, { criterion: 'Accueil', category: 'usager', text: '1' });
		const target = listItems(doc).find((item) => item.text === 'Accessibilité');
		doc.transact(() => {
			const map = doc.getMap<Y.Map<unknown>>('items').get(id);
			map?.set('y', (target?.y ?? 0) + 60);
		});
		reparent(doc, [id]);
		const gaps = barometerGaps({ doc });
		expect(gaps[0]?.usager).toBeNull();
		expect(gaps.at(-1)?.usager).toBe(1);
	});
});
