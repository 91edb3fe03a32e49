import { describe, expect, it } from 'vitest';
import { contentBox, REVEAL_COLUMNS, REVEAL_MARGIN, revealPositions } from './reveal-layout.ts';

const note = (id: string, category: string | null) => ({ id, category, w: 200, h: 160 });

describe('revealPositions', () => {
	it('lays drafts out in one grid block per category, to the right of the content, none overlapping', () => {
		const drafts = [
			note('u1', 'usager'),
			note('e1', 'elu'),
			...Array.from({ length: 7 }, (_, i) => note(`u${i + 2}`, 'usager')),
			note('x', null)
		];
		const content = { x: -100, y: 50, w: 600, h: 400 };
		const at = revealPositions({ drafts, content });
		expect(at.size).toBe(drafts.length);
		const boxes = drafts.map((d) => ({ ...at.get(d.id)!, w: d.w, h: d.h }));
		for (const box of boxes) expect(box.x).toBeGreaterThanOrEqual(500 + REVEAL_MARGIN);
		for (const [i, a] of boxes.entries()) {
			for (const b of boxes.slice(i + 1)) {
				const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
				expect(apart).toBe(true);
			}
		}
		// Categories in alphabetical order, no category first; a category's notes keep their order.
		expect(at.get('x')!.y).toBeLessThan(at.get('e1')!.y);
		expect(at.get('e1')!.y).toBeLessThan(at.get('u1')!.y);
		expect(at.get('u2')!.x).toBeGreaterThan(at.get('u1')!.x);
		// Row wrap after REVEAL_COLUMNS notes.
		expect(at.get(`u${REVEAL_COLUMNS + 1}`)!.x).toBe(at.get('u1')!.x);
	});

	it('starts at the origin on an empty board', () => {
		expect(revealPositions({ drafts: [note('a', 'agent')], content: null }).get('a')).toEqual({
			x: 0,
			y: 0
		});
	});
});

describe('contentBox', () => {
	it('is null for nothing and the union of the boxes otherwise', () => {
		expect(contentBox([])).toBeNull();
		expect(
			contentBox([
				{ x: 0, y: 0, w: 10, h: 10 },
				{ x: 20, y: -5, w: 10, h: 10 }
			])
		).toEqual({ x: 0, y: -5, w: 30, h: 15 });
	});
});
