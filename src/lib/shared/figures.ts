import type { Role } from './roles.ts';

/**
 * A workshop's figures: what the workshop report, the programme page, the PDF and the public results
 * page show. Plain JSON (stored as is in `workshop_figures`), with no name, e-mail or person id:
 * people only ever appear as counts per category. See docs/ARCHITECTURE.md, "Figures".
 */

/** Version of the figures' shape; stored figures of another version are computed again. */
export const FIGURES_VERSION = 1;

/** Width of the time buckets of the "over time" series, in minutes. */
export const BUCKET_MINUTES = 5;

/** Category key of people or actions without a category (e.g. facilitators). */
export const NO_CATEGORY = 'none';

/** Counts per category key. */
export type CategoryCounts = Record<string, number>;

/** What one category contributed to the boards. */
export interface Contribution {
	/** Objects they created (notes, shapes, frames, strokes…). */
	created: number;
	/** Objects they changed after creation (text, move, colour…), once per object and update. */
	edited: number;
	/** Words they added to object texts (net growth per object and update, never negative). */
	words: number;
}

/** One time bucket of a series: its start (ISO) and a count per category. */
export interface Bucket {
	at: string;
	byCategory: CategoryCounts;
}

/** One object of a closed vote round, with its dots per category side by side. */
export interface VoteObject {
	/** The object's text when it has one (first 80 characters), else its kind. */
	label: string;
	total: number;
	byCategory: CategoryCounts;
}

/** A closed dot-voting round. */
export interface VoteRoundFigures {
	board: string;
	closedAt: string;
	objects: VoteObject[];
}

/** One criterion of a cross-perception barometer board. */
export interface BarometerCriterion {
	board: string;
	criterion: string;
	/** Mean score (1–5) per category that rated it. */
	means: Record<string, number>;
	/** usager mean − agent mean, or null when either is missing. */
	gap: number | null;
}

/** Feedback of one category. */
export interface FeedbackFigures {
	count: number;
	/** Mean satisfaction 1–5, one decimal. */
	mean: number;
	/** Answers per score: index 0 counts the 1s, index 4 the 5s. */
	distribution: [number, number, number, number, number];
}

/** A free-text feedback answer, attributed to a category only. */
export interface FeedbackComment {
	category: string;
	satisfaction: number;
	worked: string;
	change: string;
}

/** Everything the reports show about one workshop. */
export interface WorkshopFigures {
	version: typeof FIGURES_VERSION;
	/** When these figures were computed (ISO). */
	computedAt: string;
	workshop: {
		title: string;
		date: string | null;
		/** Where it took place ('' when not given; absent in figures stored before places existed). */
		place?: string;
		categories: string[];
		archived: boolean;
	};
	/** First and last recorded activity (ISO), or null when nothing happened. */
	span: { start: string | null; end: string | null };
	/** Category keys appearing anywhere below, workshop categories first. */
	categories: string[];
	participants: { byCategory: CategoryCounts; byRole: Record<Role, number> };
	contributions: { byCategory: Record<string, Contribution>; overTime: Bucket[] };
	votes: { byCategory: CategoryCounts; overTime: Bucket[] };
	/** Minutes in which at least one person of the category edited a board or voted. */
	activeMinutes: CategoryCounts;
	/**
	 * Voice balance index in [0, 1]: 1 − ½·Σ|contribution share − participant share| over the
	 * categories of participants (1: each category contributed in proportion to its headcount).
	 * Null without participants or contributions.
	 */
	voiceBalance: number | null;
	voteRounds: VoteRoundFigures[];
	barometer: BarometerCriterion[];
	feedback: {
		overall: FeedbackFigures | null;
		byCategory: Record<string, FeedbackFigures>;
		comments: FeedbackComment[];
	};
}
