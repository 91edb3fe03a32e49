import { and, asc, desc, eq, gt, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { tryBoardHistoryLock } from '../history/store.ts';
import { countItems } from '../../board/schema.ts';
import { appContext } from '../context.ts';
import { boardHeads, boardSnapshots, boardUpdates, boards, workshops } from '../db/schema.ts';
import { storeWorkshopFigures, storedWorkshopFigures } from './figures/index.ts';
import { recordEvent } from './workshop-events.ts';
import type { WorkshopEventType } from '../../shared/workshop-events.ts';

/**
 * RGPD retention: a workshop with `retentionMonths` set loses the raw update log of its boards
 * (who typed what, when) once it is older than that many months. What the record needs stays: the
 * figures are stored first (`workshop_figures`), and a snapshot at the last purged seq is written
 * when none exists, so the board loads whole and the replay starts from that snapshot. Only
 * archived workshops are purged: a live workshop computes its figures from its log.
 */

/** Event recorded for each purged board: `{ boardId, beforeSeq, count }`, no personal data. */
export const LOG_PURGED_EVENT = 'log-purged' satisfies WorkshopEventType;

/** Smallest and largest retention a workshop may set, in months. */
export const RETENTION_MONTHS_MIN = 1;
export const RETENTION_MONTHS_MAX = 120;

type Tx = Parameters<Parameters<ReturnType<typeof appContext>['db']['transaction']>[0]>[0];

/** What one sweep did. */
export interface PurgeSummary {
	/** Boards whose log lost at least one update. */
	boards: number;
	/** Updates deleted, all boards together. */
	updates: number;
}

/**
 * The instant `months` calendar months before `now` (UTC). A day the target month lacks becomes
 * its last day (31 March − 1 month = 28 or 29 February): logs are never purged early.
 */
export function monthsBefore(now: Date, months: number): Date {
	const cutoff = new Date(now.getTime());
	cutoff.setUTCDate(1);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	const year = cutoff.getUTCFullYear();
	const lastDay = new Date(Date.UTC(year, cutoff.getUTCMonth() + 1, 0)).getUTCDate();
	cutoff.setUTCDate(Math.min(now.getUTCDate(), lastDay));
	return cutoff;
}

/**
 * The last seq of the board's purgeable prefix: every update up to it is older than `cutoff`.
 * A prefix, never a hole, so that the log stays "a snapshot, then every later update".
 */
async function lastExpiredSeq(tx: Tx, boardId: string, cutoff: Date): Promise<number | null> {
	const [firstKept] = await tx
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(and(eq(boardUpdates.boardId, boardId), gte(boardUpdates.at, cutoff)))
		.orderBy(asc(boardUpdates.seq))
		.limit(1);
	const bound = firstKept
		? and(eq(boardUpdates.boardId, boardId), lt(boardUpdates.seq, firstKept.seq))
		: eq(boardUpdates.boardId, boardId);
	const [last] = await tx
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(bound)
		.orderBy(desc(boardUpdates.seq))
		.limit(1);
	return last?.seq ?? null;
}

/** Writes the snapshot at `seq` from the latest earlier snapshot and the logged updates, if missing. */
async function ensureSnapshotAt(tx: Tx, boardId: string, seq: number): Promise<void> {
	const [base] = await tx
		.select()
		.from(boardSnapshots)
		.where(and(eq(boardSnapshots.boardId, boardId), lte(boardSnapshots.seq, seq)))
		.orderBy(desc(boardSnapshots.seq))
		.limit(1);
	if (base?.seq === seq) return;
	const doc = new Y.Doc();
	if (base) Y.applyUpdate(doc, base.state);
	const rows = await tx
		.select({ update: boardUpdates.update, at: boardUpdates.at })
		.from(boardUpdates)
		.where(
			and(
				eq(boardUpdates.boardId, boardId),
				gt(boardUpdates.seq, base?.seq ?? 0),
				lte(boardUpdates.seq, seq)
			)
		)
		.orderBy(asc(boardUpdates.seq));
	doc.transact(() => {
		for (const row of rows) Y.applyUpdate(doc, row.update);
	});
	const at = rows.at(-1)?.at ?? base?.at ?? new Date();
	const state = Y.encodeStateAsUpdate(doc);
	await tx.insert(boardSnapshots).values({ boardId, seq, at, state, itemCount: countItems(doc) });
}

/**
 * Purges one board's updates older than `cutoff` in one transaction, under the board's history
 * lock (another instance holding it purges or snapshots the board: skipped until the next sweep).
 * Returns how many updates went.
 */
async function purgeBoard(input: {
	workshopId: string;
	boardId: string;
	cutoff: Date;
	now: Date;
}): Promise<number> {
	const { boardId } = input;
	return appContext().db.transaction(async (tx) => {
		if (!(await tryBoardHistoryLock(tx, boardId))) return 0;
		const lastSeq = await lastExpiredSeq(tx, boardId, input.cutoff);
		if (lastSeq === null) return 0;
		await ensureSnapshotAt(tx, boardId, lastSeq);
		// Keep numbering after the purged seqs even if the board had no head row yet.
		const [top] = await tx
			.select({ seq: sql<number>`max(${boardUpdates.seq})` })
			.from(boardUpdates)
			.where(eq(boardUpdates.boardId, boardId));
		await tx
			.insert(boardHeads)
			.values({ boardId, lastSeq: Number(top?.seq ?? lastSeq) })
			.onConflictDoNothing();
		const deleted = await tx
			.delete(boardUpdates)
			.where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, lastSeq)))
			.returning({ seq: boardUpdates.seq });
		await tx
			.update(workshops)
			.set({ logPurgedAt: input.now })
			.where(eq(workshops.id, input.workshopId));
		await recordEvent(
			{
				workshopId: input.workshopId,
				boardId,
				at: input.now,
				actorId: null,
				type: LOG_PURGED_EVENT,
				payload: { boardId, beforeSeq: lastSeq + 1, count: deleted.length }
			},
			tx
		);
		return deleted.length;
	});
}

/** Purges the expired logs of one archived workshop, its figures stored first. */
async function purgeWorkshop(input: {
	workshopId: string;
	retentionMonths: number;
	now: Date;
}): Promise<PurgeSummary> {
	const { db } = appContext();
	const cutoff = monthsBefore(input.now, input.retentionMonths);
	const boardIds = (
		await db.select({ id: boards.id }).from(boards).where(eq(boards.workshopId, input.workshopId))
	).map((row) => row.id);
	const [expired] = await db
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.innerJoin(boards, eq(boards.id, boardUpdates.boardId))
		.where(and(eq(boards.workshopId, input.workshopId), lt(boardUpdates.at, cutoff)))
		.limit(1);
	if (!expired) return { boards: 0, updates: 0 };
	// Figures computed from the whole log, before any of it goes; a stored copy already is one.
	if (!(await storedWorkshopFigures(input))) await storeWorkshopFigures(input);
	const summary: PurgeSummary = { boards: 0, updates: 0 };
	for (const boardId of boardIds) {
		const count = await purgeBoard({ ...input, boardId, cutoff });
		if (count > 0) summary.boards++;
		summary.updates += count;
	}
	return summary;
}

/**
 * Purges, in every archived workshop with a retention setting, the board updates older than
 * `now` minus its retention (figures stored and snapshots written first). Idempotent: a second run
 * at the same `now` finds nothing to purge. Safe with several instances (per-board advisory lock).
 */
export async function purgeExpiredLogs(input: { now: Date }): Promise<PurgeSummary> {
	const rows = await appContext()
		.db.select({ id: workshops.id, retentionMonths: workshops.retentionMonths })
		.from(workshops)
		.where(and(isNotNull(workshops.retentionMonths), eq(workshops.status, 'archived')))
		.orderBy(asc(workshops.id));
	const total: PurgeSummary = { boards: 0, updates: 0 };
	for (const row of rows) {
		if (row.retentionMonths === null) continue;
		const done = await purgeWorkshop({
			workshopId: row.id,
			retentionMonths: row.retentionMonths,
			now: input.now
		});
		total.boards += done.boards;
		total.updates += done.updates;
	}
	return total;
}
