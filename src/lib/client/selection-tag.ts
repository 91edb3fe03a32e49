import { containsRect } from './placement.ts';
import { intersects, type Rect } from './viewport.ts';

/** Space between another person's selection and its outline, in board units. */
export const SELECTION_OUTLINE_GAP = 6;
/** Height of the name tag on that outline, in screen pixels (0.75rem bold text on one line). */
export const SELECTION_TAG_HEIGHT_PX = 18;
/** Screen width of the tag: padding plus a generous estimate per character of the name. */
const TAG_PADDING_PX = 12;
const TAG_CHAR_PX = 7.5;

/** Where the name tag of another person's selection goes. */
export type TagPlace = 'above' | 'below' | 'inside';

/**
 * Places the name tag of another person's selection: above its outline, where it covers nothing of
 * the selection, unless another object lies there (the note just above in a tidy column, which the
 * tag covers easily on a phone, where it keeps its screen size while the notes shrink); then under
 * the outline's bottom-left corner if that is free; and only when both are taken, inside the
 * outline's top-left corner, over the selected objects themselves (their category chip, usually).
 * Objects behind the whole selection (a frame holding it) and connectors do not count.
 */
export function placeSelectionTag(input: {
	/** The selected objects' bounding box, in board units. */
	box: Rect;
	name: string;
	zoom: number;
	selected: readonly string[];
	items: Iterable<Rect & { id: string; type: string }>;
}): TagPlace {
	const { box, zoom } = input;
	const height = SELECTION_TAG_HEIGHT_PX / zoom;
	const width = (TAG_PADDING_PX + TAG_CHAR_PX * input.name.length) / zoom;
	const x = box.x - SELECTION_OUTLINE_GAP;
	const above: Rect = { x, y: box.y - SELECTION_OUTLINE_GAP - height, w: width, h: height };
	const below: Rect = { x, y: box.y + box.h + SELECTION_OUTLINE_GAP, w: width, h: height };
	const selected = new Set(input.selected);
	// One pass over the board (thousands of objects, redone as they move): no copies.
	let aboveFree = true;
	let belowFree = true;
	for (const item of input.items) {
		if (selected.has(item.id) || item.type === 'connector' || containsRect(item, box)) continue;
		if (aboveFree && intersects(item, above)) aboveFree = false;
		if (belowFree && intersects(item, below)) belowFree = false;
		if (!aboveFree && !belowFree) break;
	}
	return aboveFree ? 'above' : belowFree ? 'below' : 'inside';
}
