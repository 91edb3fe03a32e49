import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { boardUpdates, boards, feedback, memberships, voteRounds, votes } from '../db/schema.ts';

/** What one person answered at the end of a workshop (stored with their category, no name). */
export interface FeedbackEntry {
	category: string | null;
	satisfaction: number;
	worked: string;
	change: string;
}

/** Stores (or replaces) the caller's feedback, with their category in the workshop. */
export async function submitFeedback(input: {
	workshopId: string;
	userId: string;
	category: string | null;
	satisfaction: number;
	worked: string;
	change: string;
}): Promise<void> {
	const { workshopId, userId, ...answer } = input;
	await appContext()
		.db.insert(feedback)
		.values({ workshopId, userId, ...answer })
		.onConflictDoUpdate({
			target: [feedback.workshopId, feedback.userId],
			set: { ...answer, at: new Date() }
		});
}

/** Every answer of a workshop (anonymous: category only) and the average satisfaction per category. */
export async function feedbackSummary(workshopId: string): Promise<{
	entries: FeedbackEntry[];
	averageByCategory: Record<string, number>;
}> {
	const entries = await appContext()
		.db.select({
			category: feedback.category,
			satisfaction: feedback.satisfaction,
			worked: feedback.worked,
			change: feedback.change
		})
		.from(feedback)
		.where(eq(feedback.workshopId, workshopId))
		.orderBy(feedback.at);
	const sums: Record<string, { total: number; count: number }> = {};
	for (const entry of entries) {
		const key = entry.category ?? 'none';
		const sum = (sums[key] ??= { total: 0, count: 0 });
		sum.total += entry.satisfaction;
		sum.count++;
	}
	const averageByCategory = Object.fromEntries(
		Object.entries(sums).map(([key, sum]) => [key, Math.round((sum.total / sum.count) * 10) / 10])
	);
	return { entries, averageByCategory };
}

/** Shares by category: participants, contributions (accepted board edits) and votes. */
export interface VoiceBalance {
	categories: string[];
	participants: Record<string, number>;
	contributions: Record<string, number>;
	votes: Record<string, number>;
}

function tally(rows: { category: string | null; n: number }[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const row of rows) if (row.category) out[row.category] = Number(row.n);
	return out;
}

/**
 * Who speaks, by category: active participants, edits the server accepted on the workshop's
 * boards (attributed by the server, not by clients) and dots placed, per category.
 */
export async function voiceBalance(workshopId: string): Promise<VoiceBalance> {
	const { db } = appContext();
	const count = sql<number>`count(*)`;
	const people = await db
		.select({ category: memberships.category, n: count })
		.from(memberships)
		.where(
			and(
				eq(memberships.workshopId, workshopId),
				eq(memberships.role, 'participant'),
				eq(memberships.removed, false),
				eq(memberships.status, 'active')
			)
		)
		.groupBy(memberships.category);
	const boardIds = db
		.select({ id: boards.id })
		.from(boards)
		.where(eq(boards.workshopId, workshopId));
	const edits = await db
		.select({ category: boardUpdates.category, n: count })
		.from(boardUpdates)
		.where(and(inArray(boardUpdates.boardId, boardIds), isNotNull(boardUpdates.category)))
		.groupBy(boardUpdates.category);
	const dots = await db
		.select({ category: votes.category, n: count })
		.from(votes)
		.innerJoin(voteRounds, eq(voteRounds.id, votes.roundId))
		.where(eq(voteRounds.workshopId, workshopId))
		.groupBy(votes.category);
	const result = { participants: tally(people), contributions: tally(edits), votes: tally(dots) };
	const categories = [
		...new Set(Object.values(result).flatMap((counts) => Object.keys(counts)))
	].sort();
	return { categories, ...result };
}
