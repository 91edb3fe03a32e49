import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { loadBoardInto } from '../history/store.ts';
import { boardOutline } from '../../board/outline.ts';
import { listItems } from '../../board/schema.ts';
import type { WorkshopFigures } from '../../shared/figures.ts';
import { appContext } from '../context.ts';
import { boards, workshops } from '../db/schema.ts';
import { recordEvent } from './workshop-events.ts';
import { newToken } from '../ids.ts';
import { failure, type Failure } from './failure.ts';
import { workshopFiguresFor } from './figures/index.ts';
import { workshopBoards } from './workshops.ts';

/**
 * The public results page of an archived workshop: a facilitator publishes it with the boards it
 * shows; anyone holding its unguessable address (`/results/<token>`) reads the workshop's title,
 * date, place, purpose, figures by category and those boards, and nothing personal: no names, e-mails,
 * pseudonyms, person ids, feedback comments, nor the text of boards that were not chosen.
 */

/** The state of a workshop's publication: its token (null: unpublished) and chosen boards. */
export interface Publication {
	token: string | null;
	boardIds: string[];
}

/** An outline section of a published board: a frame's title (null: outside frames) and texts. */
export interface PublicOutlineSection {
	frame: string | null;
	items: { text: string; category: string | null }[];
}

/** A published board: its title and its text outline (what the SVG shows, for screen readers). */
export interface PublicBoard {
	id: string;
	title: string;
	outline: PublicOutlineSection[];
}

/** What the public results page shows. */
export interface PublicResults {
	title: string;
	date: string | null;
	/** Where it took place, or '' when not given. */
	place: string;
	purpose: string;
	figures: WorkshopFigures;
	boards: PublicBoard[];
	/** Fewest people (and answers) a category needs to appear (`PUBLIC_MIN_RESPONDENTS`). */
	minRespondents: number;
}

/** The workshop's publication state (facilitators read it on the workshop page). */
export async function publicationOf(workshopId: string): Promise<Publication> {
	const [row] = await appContext()
		.db.select({ token: workshops.publicToken, boardIds: workshops.publicBoardIds })
		.from(workshops)
		.where(eq(workshops.id, workshopId));
	return { token: row?.token ?? null, boardIds: row?.boardIds ?? [] };
}

/**
 * Publishes the results of an archived workshop with the chosen boards (a facilitator, checked by
 * the caller). Keeps the existing token, or makes one (144 bits from the CSPRNG, base64url).
 * 409 `publication_needs_archive` while active; 400 `board_invalid` for a board of another
 * workshop. Recorded in `workshop_events`.
 */
export async function publishResults(input: {
	workshopId: string;
	actorId: string;
	archived: boolean;
	boardIds: string[];
}): Promise<Publication | Failure> {
	if (!input.archived) {
		return failure(409, 'publication_needs_archive', 'Archive the workshop before publishing');
	}
	const own = new Set((await workshopBoards(input.workshopId)).map((board) => board.id));
	const boardIds = [...new Set(input.boardIds)];
	if (boardIds.some((id) => !own.has(id))) {
		return failure(400, 'board_invalid', 'Choose boards of this workshop only');
	}
	const token = (await publicationOf(input.workshopId)).token ?? newToken();
	await appContext().db.transaction(async (tx) => {
		await tx
			.update(workshops)
			.set({ publicToken: token, publicBoardIds: boardIds })
			.where(eq(workshops.id, input.workshopId));
		await recordEvent(
			{
				workshopId: input.workshopId,
				actorId: input.actorId,
				type: 'results-published',
				payload: { boardIds }
			},
			tx
		);
	});
	return { token, boardIds };
}

/** Unpublishes the results: the token is forgotten, so the old address answers 404 at once. */
export async function unpublishResults(input: {
	workshopId: string;
	actorId: string;
}): Promise<Publication> {
	await appContext().db.transaction(async (tx) => {
		await tx
			.update(workshops)
			.set({ publicToken: null, publicBoardIds: [] })
			.where(eq(workshops.id, input.workshopId));
		await recordEvent(
			{
				workshopId: input.workshopId,
				actorId: input.actorId,
				type: 'results-unpublished',
				payload: {}
			},
			tx
		);
	});
	return { token: null, boardIds: [] };
}

/** The published, archived workshop behind a token, or null. */
async function publishedWorkshop(token: string) {
	if (!token) return null;
	const [row] = await appContext()
		.db.select()
		.from(workshops)
		.where(and(eq(workshops.publicToken, token), eq(workshops.status, 'archived')));
	return row ?? null;
}

/** Default of `PUBLIC_MIN_RESPONDENTS`: fewest people a category needs to appear publicly. */
export const MIN_PUBLIC_RESPONDENTS = 3;

/**
 * The categories too small to appear publicly: fewer than `minRespondents` participants (their
 * one or two people could be told apart). Facilitators' and uncategorised actions (`none`) count
 * as a category of their own.
 */
export function smallCategories(figures: WorkshopFigures, minRespondents: number): Set<string> {
	const keys = new Set([
		...figures.categories,
		...Object.keys(figures.participants.byCategory),
		...Object.keys(figures.contributions.byCategory),
		...Object.keys(figures.votes.byCategory),
		...Object.keys(figures.activeMinutes),
		...Object.keys(figures.feedback.byCategory)
	]);
	return new Set(
		[...keys].filter((key) => (figures.participants.byCategory[key] ?? 0) < minRespondents)
	);
}

/** `record` without the keys in `hidden`. */
function without<T>(record: Record<string, T>, hidden: ReadonlySet<string>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !hidden.has(key)));
}

/** A sum of the counts in `byCategory`. */
const sum = (byCategory: Record<string, number>) =>
	Object.values(byCategory).reduce((total, count) => total + count, 0);

/**
 * Figures fit for the public: no free-text feedback comments; no figure at all of a category with
 * fewer than `minRespondents` participants (`smallCategories`): counts, series, active minutes,
 * dots per object (whose totals then count the shown categories only, so that a hidden category
 * cannot be found by difference), barometer means and satisfaction; satisfaction only with at
 * least `minRespondents` answers (per category and overall); vote rounds and barometer rows only
 * from chosen boards (their text is published anyway). Rounds name their board by title, so a
 * title that an unchosen board shares is left out too.
 */
export function publicFigures(
	figures: WorkshopFigures,
	boardTitles: { shown: string[]; hidden: string[] },
	minRespondents: number = MIN_PUBLIC_RESPONDENTS
): WorkshopFigures {
	const small = smallCategories(figures, minRespondents);
	const enough = (entry: { count: number } | null) =>
		entry !== null && entry.count >= minRespondents;
	const shown = (title: string) =>
		boardTitles.shown.includes(title) && !boardTitles.hidden.includes(title);
	const buckets = (series: WorkshopFigures['votes']['overTime']) =>
		series.map((bucket) => ({ ...bucket, byCategory: without(bucket.byCategory, small) }));
	return {
		...figures,
		categories: figures.categories.filter((key) => !small.has(key)),
		participants: {
			...figures.participants,
			byCategory: without(figures.participants.byCategory, small)
		},
		contributions: {
			byCategory: without(figures.contributions.byCategory, small),
			overTime: buckets(figures.contributions.overTime)
		},
		votes: {
			byCategory: without(figures.votes.byCategory, small),
			overTime: buckets(figures.votes.overTime)
		},
		activeMinutes: without(figures.activeMinutes, small),
		voteRounds: figures.voteRounds
			.filter((round) => shown(round.board))
			.map((round) => ({
				...round,
				objects: round.objects.map((object) => {
					const byCategory = without(object.byCategory, small);
					return { ...object, byCategory, total: sum(byCategory) };
				})
			})),
		barometer: figures.barometer
			.filter((row) => shown(row.board))
			.map((row) => {
				const means = without(row.means, small);
				const gap = means.usager !== undefined && means.agent !== undefined ? row.gap : null;
				return { ...row, means, gap };
			}),
		feedback: {
			overall: enough(figures.feedback.overall) ? figures.feedback.overall : null,
			byCategory: Object.fromEntries(
				Object.entries(without(figures.feedback.byCategory, small)).filter(([, entry]) =>
					enough(entry)
				)
			),
			comments: []
		}
	};
}

/** A board's document as stored (latest snapshot and later log). */
async function boardDoc(boardId: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await loadBoardInto(doc, boardId);
	return doc;
}

/** A category as published: null for a category too small to name (`smallCategories`). */
function shownCategory(category: string | null, small: ReadonlySet<string>): string | null {
	return category !== null && small.has(category) ? null : category;
}

function outlineOf(doc: Y.Doc, small: ReadonlySet<string>): PublicOutlineSection[] {
	return boardOutline(listItems(doc)).map((section) => ({
		frame: section.frame ? section.frame.text : null,
		items: section.items
			.filter((item) => item.text.trim() !== '')
			.map((item) => ({ text: item.text, category: shownCategory(item.category, small) }))
	}));
}

/** The public results behind `token`, or null when unknown, unpublished or not archived. */
export async function publicResults(token: string): Promise<PublicResults | null> {
	const workshop = await publishedWorkshop(token);
	if (!workshop) return null;
	const all = await workshopBoards(workshop.id);
	const chosen = all.filter((board) => workshop.publicBoardIds.includes(board.id));
	const figures = await workshopFiguresFor({ workshopId: workshop.id });
	if (!figures) return null;
	const titles = {
		shown: chosen.map((board) => board.title),
		hidden: all.filter((board) => !chosen.includes(board)).map((board) => board.title)
	};
	const minRespondents = appContext().config.publicMinRespondents;
	const small = smallCategories(figures, minRespondents);
	const published: PublicBoard[] = [];
	for (const board of chosen) {
		published.push({ ...board, outline: outlineOf(await boardDoc(board.id), small) });
	}
	return {
		title: workshop.title,
		date: workshop.date ? workshop.date.toISOString() : null,
		place: workshop.place,
		purpose: workshop.purpose,
		figures: publicFigures(figures, titles, minRespondents),
		boards: published,
		minRespondents
	};
}

/**
 * A chosen board of the published workshop behind `token`, loaded for drawing, with the
 * categories too small to be named on it: null when the token is unknown or the board is not one
 * of that workshop's chosen boards.
 */
export async function publicBoard(input: {
	token: string;
	boardId: string;
}): Promise<{ title: string; doc: Y.Doc; smallCategories: ReadonlySet<string> } | null> {
	const workshop = await publishedWorkshop(input.token);
	if (!workshop || !workshop.publicBoardIds.includes(input.boardId)) return null;
	const [board] = await appContext()
		.db.select({ title: boards.title })
		.from(boards)
		.where(and(eq(boards.id, input.boardId), eq(boards.workshopId, workshop.id)));
	if (!board) return null;
	const figures = await workshopFiguresFor({ workshopId: workshop.id });
	if (!figures) return null;
	const small = smallCategories(figures, appContext().config.publicMinRespondents);
	return { title: board.title, doc: await boardDoc(input.boardId), smallCategories: small };
}
