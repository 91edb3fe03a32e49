import {
	BUCKET_MINUTES,
	NO_CATEGORY,
	type Bucket,
	type CategoryCounts,
	type Contribution,
	type FeedbackFigures
} from '../../../shared/figures.ts';

/** Pure aggregations behind `computeWorkshopFigures`: buckets, active minutes, balance, means. */

const MINUTE_MS = 60_000;
const BUCKET_MS = BUCKET_MINUTES * MINUTE_MS;

/** Something that happened, attributed to a category, weighing `count`. */
export interface Occurrence {
	at: Date;
	category: string | null;
	count: number;
}

/** The category key of a nullable category. */
export function keyOf(category: string | null): string {
	return category ?? NO_CATEGORY;
}

/** Adds `count` to `counts[key]`. */
export function add(counts: CategoryCounts, key: string, count = 1): void {
	counts[key] = (counts[key] ?? 0) + count;
}

/**
 * Occurrences summed per `BUCKET_MINUTES` bucket and category, from the bucket of `start` to the
 * bucket of `end` (empty buckets included, so that a chart's time axis is regular).
 */
export function buckets(input: {
	occurrences: readonly Occurrence[];
	start: Date | null;
	end: Date | null;
}): Bucket[] {
	if (!input.start || !input.end) return [];
	const first = Math.floor(input.start.getTime() / BUCKET_MS);
	const last = Math.floor(input.end.getTime() / BUCKET_MS);
	const series: Bucket[] = [];
	for (let index = first; index <= last; index++) {
		series.push({ at: new Date(index * BUCKET_MS).toISOString(), byCategory: {} });
	}
	for (const occurrence of input.occurrences) {
		const bucket = series[Math.floor(occurrence.at.getTime() / BUCKET_MS) - first];
		if (bucket) add(bucket.byCategory, keyOf(occurrence.category), occurrence.count);
	}
	return series;
}

/** Per category, the number of distinct minutes in which it had at least one occurrence. */
export function activeMinutes(occurrences: readonly Occurrence[]): CategoryCounts {
	const minutes = new Map<string, Set<number>>();
	for (const occurrence of occurrences) {
		const key = keyOf(occurrence.category);
		const set = minutes.get(key) ?? new Set<number>();
		set.add(Math.floor(occurrence.at.getTime() / MINUTE_MS));
		minutes.set(key, set);
	}
	return Object.fromEntries([...minutes].map(([key, set]) => [key, set.size]));
}

/**
 * Voice balance index: 1 − ½·Σ|contribution share − participant share| over the participants'
 * categories and the contributing ones (objects created + edited, people without category left out).
 * 1 when every category contributes in proportion to its headcount, 0 when one category that has
 * no participant did everything. Null without participants or contributions. Three decimals.
 */
export function voiceBalanceIndex(input: {
	participants: CategoryCounts;
	contributions: Record<string, Contribution>;
}): number | null {
	const people = { ...input.participants };
	delete people[NO_CATEGORY];
	const done: CategoryCounts = {};
	for (const [key, value] of Object.entries(input.contributions)) {
		if (key !== NO_CATEGORY) done[key] = value.created + value.edited;
	}
	const totalPeople = Object.values(people).reduce((sum, n) => sum + n, 0);
	const totalDone = Object.values(done).reduce((sum, n) => sum + n, 0);
	if (totalPeople === 0 || totalDone === 0) return null;
	let distance = 0;
	for (const key of new Set([...Object.keys(people), ...Object.keys(done)])) {
		distance += Math.abs((done[key] ?? 0) / totalDone - (people[key] ?? 0) / totalPeople);
	}
	return Math.round((1 - distance / 2) * 1000) / 1000;
}

/** Count, mean (one decimal) and distribution of satisfaction scores 1–5; null when empty. */
export function feedbackFigures(scores: readonly number[]): FeedbackFigures | null {
	if (scores.length === 0) return null;
	const distribution: FeedbackFigures['distribution'] = [0, 0, 0, 0, 0];
	for (const score of scores) {
		const index = Math.min(5, Math.max(1, Math.round(score))) - 1;
		distribution[index] = (distribution[index] ?? 0) + 1;
	}
	const mean = scores.reduce((sum, n) => sum + n, 0) / scores.length;
	return { count: scores.length, mean: Math.round(mean * 10) / 10, distribution };
}
