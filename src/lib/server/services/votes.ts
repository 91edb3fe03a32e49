import { and, asc, countDistinct, eq, isNull } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { users, voteRounds, votes, workshops } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { VoteResult, VoteRound } from '../../shared/facilitation.ts';
import { failure, type Failure } from './failure.ts';
import { pseudonymFor } from './pseudonyms.ts';

const roundOf = (row: typeof voteRounds.$inferSelect): VoteRound => ({
	id: row.id,
	boardId: row.boardId,
	frameId: row.frameId,
	dots: row.dots,
	onePerObject: row.onePerObject,
	anonymous: row.anonymous,
	open: row.closedAt === null
});

/** The board's open round, or null. */
export async function openRound(boardId: string): Promise<VoteRound | null> {
	const [row] = await appContext()
		.db.select()
		.from(voteRounds)
		.where(and(eq(voteRounds.boardId, boardId), isNull(voteRounds.closedAt)));
	return row ? roundOf(row) : null;
}

/** Opens a round on a board, closing any round still open there. */
export async function startRound(input: {
	workshopId: string;
	boardId: string;
	frameId: string | null;
	dots: number;
	onePerObject: boolean;
	anonymous: boolean;
	openedBy: string;
}): Promise<VoteRound> {
	const id = newId();
	const { db } = appContext();
	// In an anonymous workshop every round is anonymous, whatever the facilitator asked.
	const [workshop] = await db
		.select({ anonymous: workshops.anonymous })
		.from(workshops)
		.where(eq(workshops.id, input.workshopId));
	const values = { ...input, anonymous: input.anonymous || workshop?.anonymous === true };
	await db.transaction(async (tx) => {
		await tx
			.update(voteRounds)
			.set({ closedAt: new Date() })
			.where(and(eq(voteRounds.boardId, input.boardId), isNull(voteRounds.closedAt)));
		await tx.insert(voteRounds).values({ id, ...values });
	});
	const { workshopId: _workshop, openedBy: _by, ...shown } = values;
	return { id, ...shown, open: true };
}

/** The objects `userId` put dots on in a round (one entry per dot). */
export async function dotsOf(roundId: string, userId: string): Promise<string[]> {
	const rows = await appContext()
		.db.select({ itemId: votes.itemId })
		.from(votes)
		.where(and(eq(votes.roundId, roundId), eq(votes.userId, userId)))
		.orderBy(asc(votes.at), asc(votes.id));
	return rows.map((row) => row.itemId);
}

/** How many people put at least one dot in a round (the facilitator's "7/12 have voted"). */
export async function voterCount(roundId: string): Promise<number> {
	const [row] = await appContext()
		.db.select({ voters: countDistinct(votes.userId) })
		.from(votes)
		.where(eq(votes.roundId, roundId));
	return Number(row?.voters ?? 0);
}

/**
 * Puts one dot on an object, within the round's rules. Returns the voter's dots. Atomic: the check
 * and the insert run in one transaction holding the round's row lock, so casts arriving together
 * (several tabs, a scripted client) can never spend more dots than the round gives, nor put two
 * dots on one object in a one-per-object round; a round closed meanwhile takes no more dots.
 */
export async function castDot(input: {
	round: VoteRound;
	userId: string;
	category: string | null;
	itemId: string;
}): Promise<string[] | Failure> {
	const { round, userId, itemId } = input;
	return appContext().db.transaction(async (tx) => {
		const [open] = await tx
			.select({ id: voteRounds.id })
			.from(voteRounds)
			.where(and(eq(voteRounds.id, round.id), isNull(voteRounds.closedAt)))
			.for('update');
		if (!open) return failure(409, 'round_closed', 'The round is closed');
		const mine = (
			await tx
				.select({ itemId: votes.itemId })
				.from(votes)
				.where(and(eq(votes.roundId, round.id), eq(votes.userId, userId)))
				.orderBy(asc(votes.at), asc(votes.id))
		).map((row) => row.itemId);
		if (mine.length >= round.dots) return failure(409, 'no_dots_left', 'No dot left');
		if (round.onePerObject && mine.includes(itemId)) {
			return failure(409, 'one_per_object', 'One dot per object in this round');
		}
		await tx
			.insert(votes)
			.values({ id: newId(), roundId: round.id, userId, itemId, category: input.category });
		return [...mine, itemId];
	});
}

/** Takes back one of the voter's dots on an object. Returns the voter's dots. */
export async function retractDot(input: {
	round: VoteRound;
	userId: string;
	itemId: string;
}): Promise<string[]> {
	const { db } = appContext();
	const [one] = await db
		.select({ id: votes.id })
		.from(votes)
		.where(
			and(
				eq(votes.roundId, input.round.id),
				eq(votes.userId, input.userId),
				eq(votes.itemId, input.itemId)
			)
		)
		.limit(1);
	if (one) await db.delete(votes).where(eq(votes.id, one.id));
	return dotsOf(input.round.id, input.userId);
}

/** Closes a board's open round; returns it, or null when none was open. */
export async function closeRound(boardId: string): Promise<VoteRound | null> {
	const closed = await appContext()
		.db.update(voteRounds)
		.set({ closedAt: new Date() })
		.where(and(eq(voteRounds.boardId, boardId), isNull(voteRounds.closedAt)))
		.returning();
	const [row] = closed;
	return row ? roundOf(row) : null;
}

/**
 * The results of a closed round, most dots first ("none" stands for voters without category).
 * Voters are named, unless the round or its workshop is anonymous (then nobody, facilitators
 * included, gets any voter); a `viewer` who sees pseudonyms gets the voters' pseudonyms instead
 * (`services/pseudonyms.ts`).
 */
export async function roundResults(
	round: VoteRound,
	viewer?: { workshopId: string; seesPseudonyms: boolean }
): Promise<VoteResult[]> {
	const rows = await appContext()
		.db.select({
			itemId: votes.itemId,
			category: votes.category,
			name: users.name,
			userId: votes.userId,
			workshopAnonymous: workshops.anonymous
		})
		.from(votes)
		.innerJoin(users, eq(users.id, votes.userId))
		.innerJoin(voteRounds, eq(voteRounds.id, votes.roundId))
		.innerJoin(workshops, eq(workshops.id, voteRounds.workshopId))
		.where(eq(votes.roundId, round.id));
	const byItem = new Map<string, VoteResult>();
	for (const row of rows) {
		const result = byItem.get(row.itemId) ?? {
			itemId: row.itemId,
			total: 0,
			byCategory: {},
			voters: []
		};
		const category = row.category ?? 'none';
		result.total++;
		result.byCategory[category] = (result.byCategory[category] ?? 0) + 1;
		const voter = viewer?.seesPseudonyms
			? pseudonymFor({ workshopId: viewer.workshopId, userId: row.userId, category: row.category })
			: row.name;
		const anonymous = round.anonymous || row.workshopAnonymous;
		if (!anonymous && !result.voters.includes(voter)) result.voters.push(voter);
		byItem.set(row.itemId, result);
	}
	return [...byItem.values()].sort((a, b) => b.total - a.total || (a.itemId < b.itemId ? -1 : 1));
}

/** The board's latest closed round and its results, or null. */
export async function latestResults(
	boardId: string,
	viewer?: { workshopId: string; seesPseudonyms: boolean }
): Promise<{ round: VoteRound; results: VoteResult[] } | null> {
	const rows = await appContext()
		.db.select()
		.from(voteRounds)
		.where(eq(voteRounds.boardId, boardId))
		.orderBy(asc(voteRounds.openedAt));
	const last = rows.filter((row) => row.closedAt !== null).at(-1);
	if (!last) return null;
	const round = roundOf(last);
	return { round, results: await roundResults(round, viewer) };
}
