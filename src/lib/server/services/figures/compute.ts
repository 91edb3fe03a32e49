import { and, asc, desc, eq, isNotNull, lt } from 'drizzle-orm';
import type * as Y from 'yjs';
import { barometerGaps, isBarometer } from '../../../board/barometer.ts';
import { itemAt, itemText } from '../../../board/schema.ts';
import {
	FIGURES_VERSION,
	type CategoryCounts,
	type Contribution,
	type VoteRoundFigures,
	type WorkshopFigures
} from '../../../shared/figures.ts';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { appContext } from '../../context.ts';
import { boardsStored } from '../../history/store.ts';
import {
	boardSnapshots,
	boardUpdates,
	boards,
	feedback,
	memberships,
	voteRounds,
	votes,
	workshops
} from '../../db/schema.ts';
import {
	activeMinutes,
	add,
	buckets,
	feedbackFigures,
	keyOf,
	voiceBalanceIndex,
	type Occurrence
} from './aggregate.ts';
import { replayBoard, type ContributionEvent } from './replay.ts';

/** A board replayed from its log: its title, final document and contribution events. */
interface ReplayedBoard {
	id: string;
	title: string;
	doc: Y.Doc;
	events: ContributionEvent[];
}

/** Replays one board: the latest snapshot older than its first logged update, then the log. */
async function replayed(board: { id: string; title: string }): Promise<ReplayedBoard> {
	await boardsStored([board.id]);
	const { db } = appContext();
	const updates = await db
		.select({
			seq: boardUpdates.seq,
			at: boardUpdates.at,
			category: boardUpdates.category,
			update: boardUpdates.update
		})
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, board.id))
		.orderBy(asc(boardUpdates.seq));
	// Without a log (purged, or never written), the latest snapshot is the whole board.
	const firstSeq = updates[0]?.seq;
	const before = firstSeq === undefined ? undefined : lt(boardSnapshots.seq, firstSeq);
	const [base] = await db
		.select({ state: boardSnapshots.state })
		.from(boardSnapshots)
		.where(and(eq(boardSnapshots.boardId, board.id), before))
		.orderBy(desc(boardSnapshots.seq))
		.limit(1);
	const { doc, events } = replayBoard({ base: base?.state ?? null, updates });
	return { ...board, doc, events };
}

async function peopleCounts(workshopId: string) {
	const rows = await appContext()
		.db.select({ role: memberships.role, category: memberships.category })
		.from(memberships)
		.where(
			and(
				eq(memberships.workshopId, workshopId),
				eq(memberships.removed, false),
				eq(memberships.status, 'active')
			)
		);
	const byRole = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
	const byCategory: CategoryCounts = {};
	for (const row of rows) {
		byRole[row.role]++;
		if (row.role === 'participant') add(byCategory, keyOf(row.category));
	}
	return { byRole, byCategory };
}

function contributionsOf(events: readonly ContributionEvent[]): Record<string, Contribution> {
	const byCategory: Record<string, Contribution> = {};
	for (const event of events) {
		const sum = (byCategory[keyOf(event.category)] ??= { created: 0, edited: 0, words: 0 });
		sum.created += event.created;
		sum.edited += event.edited;
		sum.words += event.words;
	}
	return byCategory;
}

async function voteRows(workshopId: string) {
	return appContext()
		.db.select({
			roundId: votes.roundId,
			itemId: votes.itemId,
			category: votes.category,
			at: votes.at
		})
		.from(votes)
		.innerJoin(voteRounds, eq(voteRounds.id, votes.roundId))
		.where(eq(voteRounds.workshopId, workshopId));
}

/** The label of an object in a vote result: its text (80 characters at most), or its kind. */
function labelOf(doc: Y.Doc | undefined, itemId: string): string {
	if (!doc) return '?';
	const text = itemText(doc, itemId)?.toString().trim();
	if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text;
	const type = itemAt(doc, itemId)?.get('type');
	return typeof type === 'string' ? type : '?';
}

async function closedRounds(
	workshopId: string,
	replays: readonly ReplayedBoard[],
	rows: Awaited<ReturnType<typeof voteRows>>
): Promise<VoteRoundFigures[]> {
	const rounds = await appContext()
		.db.select({ id: voteRounds.id, boardId: voteRounds.boardId, closedAt: voteRounds.closedAt })
		.from(voteRounds)
		.where(and(eq(voteRounds.workshopId, workshopId), isNotNull(voteRounds.closedAt)))
		.orderBy(asc(voteRounds.closedAt));
	return rounds.map((round) => {
		const board = replays.find((replay) => replay.id === round.boardId);
		const objects = new Map<string, { total: number; byCategory: CategoryCounts }>();
		for (const row of rows.filter((vote) => vote.roundId === round.id)) {
			const object = objects.get(row.itemId) ?? { total: 0, byCategory: {} };
			object.total++;
			add(object.byCategory, keyOf(row.category));
			objects.set(row.itemId, object);
		}
		return {
			board: board?.title ?? '',
			closedAt: (round.closedAt ?? new Date(0)).toISOString(),
			objects: [...objects]
				.map(([itemId, object]) => ({ label: labelOf(board?.doc, itemId), ...object }))
				.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
		};
	});
}

function barometerOf(replays: readonly ReplayedBoard[]): WorkshopFigures['barometer'] {
	return replays
		.filter((replay) => isBarometer({ doc: replay.doc }))
		.flatMap((replay) =>
			barometerGaps({ doc: replay.doc }).map((gap) => ({
				board: replay.title,
				criterion: gap.criterion,
				means: Object.fromEntries(
					Object.entries(gap.byCategory).map(([key, rating]) => [
						key,
						Math.round(rating.mean * 100) / 100
					])
				),
				gap: gap.gap === null ? null : Math.round(gap.gap * 100) / 100
			}))
		);
}

async function feedbackOf(workshopId: string): Promise<WorkshopFigures['feedback']> {
	const rows = await appContext()
		.db.select({
			category: feedback.category,
			satisfaction: feedback.satisfaction,
			worked: feedback.worked,
			change: feedback.change
		})
		.from(feedback)
		.where(eq(feedback.workshopId, workshopId));
	const scores = new Map<string, number[]>();
	for (const row of rows) {
		scores.set(keyOf(row.category), [...(scores.get(keyOf(row.category)) ?? []), row.satisfaction]);
	}
	const byCategory: WorkshopFigures['feedback']['byCategory'] = {};
	for (const [key, list] of scores) byCategory[key] = feedbackFigures(list)!;
	// Sorted by category then text, never by time: the order must not point at a person.
	const comments = rows
		.filter((row) => row.worked.trim() || row.change.trim())
		.map((row) => ({ ...row, category: keyOf(row.category) }))
		.sort((a, b) => a.category.localeCompare(b.category) || a.worked.localeCompare(b.worked));
	return {
		overall: feedbackFigures(rows.map((row) => row.satisfaction)),
		byCategory,
		comments
	};
}

function span(occurrences: readonly Occurrence[]): { start: Date | null; end: Date | null } {
	let start: Date | null = null;
	let end: Date | null = null;
	for (const { at } of occurrences) {
		if (!start || at < start) start = at;
		if (!end || at > end) end = at;
	}
	return { start, end };
}

function orderedCategories(workshopCategories: string[], counts: object[]): string[] {
	const seen = new Set(workshopCategories);
	const extra = new Set<string>();
	for (const record of counts)
		for (const key of Object.keys(record)) if (!seen.has(key)) extra.add(key);
	return [...workshopCategories, ...[...extra].sort()];
}

/**
 * Computes every figure of a workshop from its raw records (update logs replayed, votes, feedback,
 * memberships). Null when the workshop does not exist. About a second for a two-hour workshop of
 * 20,000 updates (see `tests/bench/`).
 */
export async function computeWorkshopFigures(input: {
	workshopId: string;
}): Promise<WorkshopFigures | null> {
	const { db } = appContext();
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, input.workshopId));
	if (!workshop) return null;
	const boardRows = await db
		.select({ id: boards.id, title: boards.title })
		.from(boards)
		.where(eq(boards.workshopId, workshop.id))
		.orderBy(asc(boards.createdAt), asc(boards.id));
	const replays: ReplayedBoard[] = [];
	for (const board of boardRows) replays.push(await replayed(board));
	const events = replays.flatMap((replay) => replay.events).filter((e) => e.category !== null);
	const edits: Occurrence[] = events.map((e) => ({ ...e, count: e.created + e.edited }));
	const voteList = await voteRows(workshop.id);
	const dots: Occurrence[] = voteList.map((vote) => ({ ...vote, count: 1 }));
	const { start, end } = span([...edits, ...dots]);
	const participants = await peopleCounts(workshop.id);
	const contributions = contributionsOf(events);
	const voteCounts: CategoryCounts = {};
	for (const vote of voteList) add(voteCounts, keyOf(vote.category));
	const active = activeMinutes([...edits, ...dots]);
	return {
		version: FIGURES_VERSION,
		computedAt: new Date().toISOString(),
		workshop: {
			title: workshop.title,
			date: workshop.date ? workshop.date.toISOString() : null,
			place: workshop.place,
			categories: workshop.categories,
			archived: workshop.status === 'archived'
		},
		span: { start: start?.toISOString() ?? null, end: end?.toISOString() ?? null },
		categories: orderedCategories(workshop.categories, [
			participants.byCategory,
			contributions,
			voteCounts
		]),
		participants,
		contributions: {
			byCategory: contributions,
			overTime: buckets({ occurrences: edits, start, end })
		},
		votes: { byCategory: voteCounts, overTime: buckets({ occurrences: dots, start, end }) },
		activeMinutes: active,
		voiceBalance: voiceBalanceIndex({ participants: participants.byCategory, contributions }),
		voteRounds: await closedRounds(workshop.id, replays, voteList),
		barometer: barometerOf(replays),
		feedback: await feedbackOf(workshop.id)
	};
}
