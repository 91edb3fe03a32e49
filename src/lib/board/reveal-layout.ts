/**
 * Where revealed private drafts go on the shared board: a tidy grid per category (one block of
 * rows per category, alphabetical, notes in the order their authors wrote them), to the right of
 * what the board already holds, so that nothing lands on another object or under a frame.
 */

/** Notes per row of a category's block. */
export const REVEAL_COLUMNS = 5;
/** Space between revealed notes and between blocks, in board units. */
export const REVEAL_GAP = 24;
/** Space left between the board's content and the revealed notes, in board units. */
export const REVEAL_MARGIN = 160;

interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

/**
 * Top-left corners for `drafts` (in their given order), keyed by id. `content` is the bounding box
 * of the board before the reveal (null when empty: the grid starts at the origin).
 */
export function revealPositions(input: {
	drafts: readonly { id: string; category: string | null; w: number; h: number }[];
	content: Box | null;
}): Map<string, { x: number; y: number }> {
	const origin = input.content
		? { x: input.content.x + input.content.w + REVEAL_MARGIN, y: input.content.y }
		: { x: 0, y: 0 };
	const groups = new Map<string, typeof input.drafts>();
	for (const draft of input.drafts) {
		const key = draft.category ?? '';
		groups.set(key, [...(groups.get(key) ?? []), draft]);
	}
	const cellW = Math.max(0, ...input.drafts.map((d) => d.w)) + REVEAL_GAP;
	const cellH = Math.max(0, ...input.drafts.map((d) => d.h)) + REVEAL_GAP;
	const positions = new Map<string, { x: number; y: number }>();
	let y = origin.y;
	for (const key of [...groups.keys()].sort((a, b) => a.localeCompare(b))) {
		const notes = groups.get(key) ?? [];
		notes.forEach((note, i) => {
			positions.set(note.id, {
				x: origin.x + (i % REVEAL_COLUMNS) * cellW,
				y: y + Math.floor(i / REVEAL_COLUMNS) * cellH
			});
		});
		y += Math.ceil(notes.length / REVEAL_COLUMNS) * cellH + REVEAL_GAP * 2;
	}
	return positions;
}

/** The smallest box holding every box, or null for none. */
export function contentBox(boxes: readonly Box[]): Box | null {
	if (boxes.length === 0) return null;
	const x = Math.min(...boxes.map((b) => b.x));
	const y = Math.min(...boxes.map((b) => b.y));
	const right = Math.max(...boxes.map((b) => b.x + b.w));
	const bottom = Math.max(...boxes.map((b) => b.y + b.h));
	return { x, y, w: right - x, h: bottom - y };
}
