import type { Camera, Rect } from './viewport.ts';

/** Space kept between the selection's bar and the selection (or a bar below), in screen pixels. */
export const SELECTION_BAR_GAP_PX = 8;

/** Where the selection's bar goes on a phone, in pixels from the top of the canvas. */
export interface SelectionBarPlace {
	top: number;
	/** Where its folded actions unfold: towards the larger free part of the screen. */
	unfold: 'up' | 'down';
}

/** A board rectangle's top and bottom on the screen, in pixels from the top of the canvas. */
export function screenSpan(rect: Rect, camera: Camera): { top: number; bottom: number } {
	return {
		top: camera.y + rect.y * camera.zoom,
		bottom: camera.y + (rect.y + rect.h) * camera.zoom
	};
}

/**
 * Places the selection's bar on a phone so that it never covers what is selected: at the top of
 * the canvas (`minTop`) when the selection starts far enough below it, else just under the
 * selection when that leaves it above the bottom bars (`maxBottom`). A selection taller than the
 * screen leaves no such place: the bar stays at the top. Its folded actions unfold downwards from
 * the upper half of the screen, upwards from the lower half.
 */
export function placeSelectionBar(input: {
	selection: { top: number; bottom: number } | null;
	barHeight: number;
	minTop: number;
	maxBottom: number;
	gapPx?: number;
}): SelectionBarPlace {
	const { selection, barHeight, minTop, maxBottom } = input;
	const gap = input.gapPx ?? SELECTION_BAR_GAP_PX;
	const place = (top: number): SelectionBarPlace => ({
		top,
		unfold: top + barHeight / 2 > (minTop + maxBottom) / 2 ? 'up' : 'down'
	});
	if (!selection || selection.top >= minTop + barHeight + gap) return place(minTop);
	const below = Math.max(minTop, selection.bottom + gap);
	return place(below + barHeight <= maxBottom ? below : minTop);
}
