import type * as Y from 'yjs';
import { readingOrder } from './outline.ts';
import { listItems, metaOf, type ItemView } from './schema.ts';

/**
 * The cross-perception barometer (template `barometer`): each frame is a criterion; inside it,
 * each person places rating notes. A rating note's text starts with a score from 1 to 5, optionally
 * written "/5", then ends or goes on after a separator: "4", "4/5", "2 — trop d'attente",
 * "3: moyen". "5 ans d'attente" is not a rating (a number in a sentence is not a score). The
 * rating's category is the one the note carries (`category`, its author's category).
 */

/** Lowest and highest score of a rating. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** The categories whose gap the barometer shows: usagers minus agents. */
export const GAP_CATEGORIES = { from: 'usager', to: 'agent' } as const;

const RATING_PATTERN = /^\s*([1-5])(?:\s*\/\s*5)?\s*(?:$|[\n—–\-:.,;)!])/u;

/** Kinds of objects that may carry a rating. */
const RATING_KINDS = new Set(['sticky', 'text', 'shape']);

/** Mean score and number of ratings of one category on one criterion. */
export interface CategoryRating {
	mean: number;
	count: number;
}

/** One criterion of the barometer: its ratings per category and the usager−agent gap. */
export interface CriterionGap {
	/** Id of the criterion's frame. */
	frameId: string;
	/** The frame's name. */
	criterion: string;
	/** Mean and count per category that rated this criterion (categories without rating absent). */
	byCategory: Record<string, CategoryRating>;
	/** Mean score of usagers, or null when none rated. */
	usager: number | null;
	/** Mean score of agents, or null when none rated. */
	agent: number | null;
	/** `usager − agent` (negative: usagers rate lower than agents), or null when one side is missing. */
	gap: number | null;
}

/** The score written at the start of `text`, or null when the text is not a rating. */
export function parseRating(text: string): number | null {
	const match = RATING_PATTERN.exec(text);
	return match ? Number(match[1]) : null;
}

/** True when the board was created from the barometer template. */
export function isBarometer({ doc }: { doc: Y.Doc }): boolean {
	return metaOf(doc).get('template') === 'barometer';
}

function meanByCategory(items: readonly ItemView[]): Record<string, CategoryRating> {
	const sums = new Map<string, { total: number; count: number }>();
	for (const item of items) {
		if (!RATING_KINDS.has(item.type) || !item.category) continue;
		const score = parseRating(item.text);
		if (score === null) continue;
		const sum = sums.get(item.category) ?? { total: 0, count: 0 };
		sum.total += score;
		sum.count += 1;
		sums.set(item.category, sum);
	}
	const result: Record<string, CategoryRating> = {};
	for (const [category, { total, count }] of sums)
		result[category] = { mean: total / count, count };
	return result;
}

/**
 * Per criterion (every frame of the board, in reading order): the mean score of each category from
 * the rating notes inside the frame, and the usager−agent gap. Pure; works on any board, though
 * only barometer boards (`isBarometer`) are laid out for it.
 */
export function barometerGaps({ doc }: { doc: Y.Doc }): CriterionGap[] {
	const items = listItems(doc);
	const frames = readingOrder(items.filter((item) => item.type === 'frame'));
	return frames.map((frame) => {
		const byCategory = meanByCategory(items.filter((item) => item.frame === frame.id));
		const usager = byCategory[GAP_CATEGORIES.from]?.mean ?? null;
		const agent = byCategory[GAP_CATEGORIES.to]?.mean ?? null;
		return {
			frameId: frame.id,
			criterion: frame.text,
			byCategory,
			usager,
			agent,
			gap: usager !== null && agent !== null ? usager - agent : null
		};
	});
}
