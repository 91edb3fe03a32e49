import { describe, expect, it } from 'vitest';
import type { ItemView } from '../board/schema.ts';
import { CASCADE_STEP, freeRect, freeSpot, hiddenByCollapse } from './placement.ts';

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

describe('freeRect', () => {
	const note = (x: number, y: number) => ({ x, y, w: 200, h: 160 });

	it('keeps the wanted spot when nothing is there', () => {
		expect(freeRect({ boxes: [note(1000, 1000)], want: note(0, 0) })).toEqual({ x: 0, y: 0 });
	});

	it('never puts a new object on another: the nearest free spot, whatever the crowd', () => {
		const boxes: { x: number; y: number; w: number; h: number }[] = [];
		for (let i = 0; i < 12; i++) {
			const spot = freeRect({ boxes, want: note(0, 0) });
			const placed = { ...spot, w: 200, h: 160 };
			for (const other of boxes) {
				const apart =
					placed.x >= other.x + other.w ||
					other.x >= placed.x + placed.w ||
					placed.y >= other.y + other.h ||
					other.y >= placed.y + placed.h;
				expect(apart).toBe(true);
			}
			boxes.push(placed);
		}
		// Still near where the person looks: within a few notes of the centre.
		for (const box of boxes) expect(Math.hypot(box.x, box.y)).toBeLessThan(900);
	});

	it('leaves the gap between neighbours', () => {
		const spot = freeRect({ boxes: [note(0, 0)], want: note(0, 0), gap: 16 });
		const right = spot.x >= 216 || spot.x <= -216;
		const below = spot.y >= 176 || spot.y <= -176;
		expect(right || below).toBe(true);
	});
});

describe('freeRect within a frame', () => {
	it('prefers a free spot inside the frame the object is wanted in', () => {
		const frame = { x: 0, y: 0, w: 700, h: 400 };
		const boxes = [{ x: 250, y: 120, w: 200, h: 160 }];
		const spot = freeRect({ boxes, want: { x: 250, y: 120, w: 200, h: 160 }, within: frame });
		expect(spot.x).toBeGreaterThanOrEqual(0);
		expect(spot.y).toBeGreaterThanOrEqual(0);
		expect(spot.x + 200).toBeLessThanOrEqual(700);
		expect(spot.y + 160).toBeLessThanOrEqual(400);
	});
});
