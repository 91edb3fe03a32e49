import { describe, expect, it } from 'vitest';
import { placeSelectionTag } from './selection-tag.ts';

const note = (id: string, x: number, y: number) => ({ id, type: 'sticky', x, y, w: 200, h: 120 });

describe('placeSelectionTag', () => {
	const selected = note('b', 0, 200);
	const box = { x: 0, y: 200, w: 200, h: 120 };

	it('puts the name above the selection when nothing is there', () => {
		const items = [selected, note('far', 600, 0)];
		expect(placeSelectionTag({ box, name: 'Rita', zoom: 1, selected: ['b'], items })).toBe('above');
	});

	it('moves it below when it would lie on the note just above, inside when one is below too', () => {
		// 60 units between the notes: enough at zoom 1, not at zoom 0.3 where the tag is 60 units tall.
		const column = [note('a', 0, 20), selected];
		const at = (zoom: number, items: ReturnType<typeof note>[]) =>
			placeSelectionTag({ box, name: 'Rita', zoom, selected: ['b'], items });
		expect(at(1, column)).toBe('above');
		expect(at(0.3, column)).toBe('below');
		const sandwiched = [...column, note('c', 0, 380)];
		expect(at(1, sandwiched)).toBe('above');
		expect(at(0.3, sandwiched)).toBe('inside');
	});

	it('counts a wide tag reaching a note above and to the right', () => {
		const items = [note('a', 260, 100), selected];
		const place = (name: string) =>
			placeSelectionTag({ box, name, zoom: 1, selected: ['b'], items });
		expect(place('Al')).toBe('above');
		expect(place('Marie-Claire Dupont-Lefebvre (élue)')).toBe('below');
	});

	it('ignores the selected objects, a frame holding them and connectors', () => {
		const items = [
			note('a', 0, 100),
			selected,
			{ id: 'frame', type: 'frame', x: -100, y: -100, w: 600, h: 600 },
			{ id: 'line', type: 'connector', x: -50, y: 40, w: 300, h: 60 }
		];
		const both = { x: 0, y: 100, w: 200, h: 220 };
		const place = (zoom: number) =>
			placeSelectionTag({ box: both, name: 'Rita', zoom, selected: ['a', 'b'], items });
		expect(place(1)).toBe('above');
		expect(place(0.2)).toBe('above');
	});
});
