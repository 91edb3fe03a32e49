import { describe, expect, it } from 'vitest';
import { placeSelectionBar, screenSpan } from './selection-bar.ts';

// A 390×844 phone under its top bar: a canvas ~780 px high, bottom bars from 700 px down.
const PHONE = { barHeight: 58, minTop: 10, maxBottom: 700 };

describe('placeSelectionBar', () => {
	it('stays at the top when the selection starts below it', () => {
		expect(placeSelectionBar({ ...PHONE, selection: { top: 300, bottom: 460 } })).toEqual({
			top: 10,
			unfold: 'down'
		});
	});

	it('goes just under a selection near the top', () => {
		expect(placeSelectionBar({ ...PHONE, selection: { top: 40, bottom: 200 } })).toEqual({
			top: 208,
			unfold: 'down'
		});
	});

	it('unfolds its folded actions upwards once it sits in the lower half of the screen', () => {
		expect(placeSelectionBar({ ...PHONE, selection: { top: 0, bottom: 500 } })).toEqual({
			top: 508,
			unfold: 'up'
		});
	});

	it('never goes down onto the bottom bars: a selection as tall as the screen keeps it at the top', () => {
		expect(placeSelectionBar({ ...PHONE, selection: { top: 0, bottom: 660 } })).toEqual({
			top: 10,
			unfold: 'down'
		});
	});

	it('under the follow banner, starts below it', () => {
		const place = placeSelectionBar({ ...PHONE, minTop: 70, selection: { top: 100, bottom: 260 } });
		expect(place.top).toBe(268);
	});
});

describe('screenSpan', () => {
	it('turns a board rectangle into screen pixels with the camera', () => {
		expect(screenSpan({ x: 0, y: 100, w: 50, h: 200 }, { x: 0, y: -40, zoom: 0.5 })).toEqual({
			top: 10,
			bottom: 110
		});
	});
});
