import { describe, expect, it } from 'vitest';
import type { ItemView } from '../board/schema.ts';
import { CASCADE_STEP, freeSpot, hiddenByCollapse } from './placement.ts';

describe('freeSpot', () => {
	it('keeps a free spot as it is (rounded)', () => {
		expect(freeSpot([{ x: 500, y: 500 }], { x: 10.4, y: 20.6 })).toEqual({ x: 10, y: 21 });
	});

	it('moves a new note off the notes already sitting at that spot', () => {
		const items = [
			{ x: 100, y: 100 },
			{ x: 100 + CASCADE_STEP, y: 100 + CASCADE_STEP }
		];
		expect(freeSpot(items, { x: 102, y: 99 })).toEqual({
			x: 102 + 2 * CASCADE_STEP,
			y: 99 + 2 * CASCADE_STEP
		});
	});
});

describe('hiddenByCollapse', () => {
	it('hides the contents of a collapsed frame, nested frames included', () => {
		const base = { type: 'sticky', collapsed: false, frame: null } as const;
		const items = [
			{ ...base, id: 'f', type: 'frame', collapsed: true },
			{ ...base, id: 'g', type: 'frame', frame: 'f' },
			{ ...base, id: 'n', frame: 'g' },
			{ ...base, id: 'free' }
		] as unknown as ItemView[];
		expect(hiddenByCollapse(items)).toEqual(new Set(['g', 'n']));
	});
});
