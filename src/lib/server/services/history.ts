import { and, asc, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { encodeHistoryPage, encodeHistorySnapshot } from '../../board/history-format.ts';
import { appContext } from '../context.ts';
import { boardSnapshots, boardUpdates, workshopEvents } from '../db/schema.ts';
import { boardsStored } from '../history/store.ts';
import { boardAccess, type BoardAccess } from './boards.ts';
import { failure, type Failure } from './failure.ts';
import { LOG_PURGED_EVENT } from './retention.ts';

/**
 * A board's history for the replay: the index (snapshots, events, last seq), the updates page by
 * page in a compact binary form, and snapshot states. Authors are never sent: categories only
 * (evaluators see no identities).
 */

/** Most updates one page may hold. */
export const MAX_HISTORY_PAGE = 5000;

/** A board's history index. */
export interface HistoryIndex {
	board: { id: string; title: string; workshopId: string; archived: boolean };
	/** Seq of the last logged update (0 when none). */
	lastSeq: number;
	/** Seq of the first update still in the log (null when none: purged or never edited). */
	firstSeq: number | null;
	/** Stored snapshots, oldest first (`at`: ms since the epoch). */
	snapshots: { seq: number; at: number }[];
	/** The workshop's events concerning this board or the whole workshop, oldest first. */
	events: { at: number; type: string }[];
	/**
	 * When the retention purge removed the log up to a snapshot: that snapshot's time (ms since the
	 * epoch; the history before it is gone, the replay starts there). Null: never purged.
	 */
	purgedBefore: number | null;
}

/**
 * Time of the snapshot standing for the updates the latest retention purge of the board removed,
 * or null when its log was never purged.
 */
async function purgedBefore(access: BoardAccess): Promise<number | null> {
	const { db } = appContext();
	const [purge] = await db
		.select({ payload: workshopEvents.payload })
		.from(workshopEvents)
		.where(
			and(
				eq(workshopEvents.workshopId, access.workshopId),
				eq(workshopEvents.boardId, access.boardId),
				eq(workshopEvents.type, LOG_PURGED_EVENT)
			)
		)
		.orderBy(desc(workshopEvents.at), desc(workshopEvents.id))
		.limit(1);
	const beforeSeq = (purge?.payload as { beforeSeq?: unknown } | undefined)?.beforeSeq;
	if (typeof beforeSeq !== 'number') return null;
	const [snapshot] = await db
		.select({ at: boardSnapshots.at })
		.from(boardSnapshots)
		.where(and(eq(boardSnapshots.boardId, access.boardId), eq(boardSnapshots.seq, beforeSeq - 1)));
	return snapshot ? snapshot.at.getTime() : null;
}

/**
 * Who may read a board's history: its facilitators always, evaluators once the workshop is
 * archived (`boardAccess` keeps them off active workshops). 404 for non-members, 403 otherwise.
 */
export async function historyAccess(input: {
	userId: string;
	boardId: string;
}): Promise<BoardAccess | Failure> {
	const access = await boardAccess(input);
	if (!access) return failure(404, 'board_unknown', 'No such board');
	if (access.role !== 'facilitator' && access.role !== 'evaluator') {
		return failure(403, 'history_forbidden', 'Only facilitators and evaluators replay a board');
	}
	return access;
}

/** The history index of the board behind `access`. */
export async function historyIndex(access: BoardAccess): Promise<HistoryIndex> {
	await boardsStored([access.boardId]);
	const { db } = appContext();
	const snapshots = await db
		.select({ seq: boardSnapshots.seq, at: boardSnapshots.at })
		.from(boardSnapshots)
		.where(eq(boardSnapshots.boardId, access.boardId))
		.orderBy(asc(boardSnapshots.seq));
	const [first] = await db
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, access.boardId))
		.orderBy(asc(boardUpdates.seq))
		.limit(1);
	const [last] = await db
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, access.boardId))
		.orderBy(desc(boardUpdates.seq))
		.limit(1);
	const events = await db
		.select({ at: workshopEvents.at, type: workshopEvents.type })
		.from(workshopEvents)
		.where(
			and(
				eq(workshopEvents.workshopId, access.workshopId),
				or(isNull(workshopEvents.boardId), eq(workshopEvents.boardId, access.boardId))
			)
		)
		.orderBy(asc(workshopEvents.at), asc(workshopEvents.id));
	const lastSnapshot = snapshots.at(-1)?.seq ?? 0;
	return {
		board: {
			id: access.boardId,
			title: access.title,
			workshopId: access.workshopId,
			archived: access.archived
		},
		lastSeq: Math.max(last?.seq ?? 0, lastSnapshot),
		firstSeq: first?.seq ?? null,
		snapshots: snapshots.map((row) => ({ seq: row.seq, at: row.at.getTime() })),
		events: events.map((row) => ({ at: row.at.getTime(), type: row.type })),
		purgedBefore: await purgedBefore(access)
	};
}

/**
 * Up to `limit` updates after `after`, as one page of the history format
 * (`src/lib/board/history-format.ts`: seq, time, category, bytes; never the author). A page
 * shorter than `limit` is the last one.
 */
export async function historyPage(input: {
	boardId: string;
	after: number;
	limit: number;
}): Promise<Uint8Array> {
	await boardsStored([input.boardId]);
	const rows = await appContext()
		.db.select({
			seq: boardUpdates.seq,
			at: boardUpdates.at,
			category: boardUpdates.category,
			update: boardUpdates.update
		})
		.from(boardUpdates)
		.where(and(eq(boardUpdates.boardId, input.boardId), gt(boardUpdates.seq, input.after)))
		.orderBy(asc(boardUpdates.seq))
		.limit(Math.min(input.limit, MAX_HISTORY_PAGE));
	return encodeHistoryPage(
		rows.map((row) => ({
			seq: row.seq,
			at: row.at.getTime(),
			category: row.category,
			update: row.update
		}))
	);
}

/**
 * The snapshot `seq` of a board (its seq, time and stored state) in the history format, or null
 * when there is none.
 */
export async function historySnapshot(input: {
	boardId: string;
	seq: number;
}): Promise<Uint8Array | null> {
	const [row] = await appContext()
		.db.select({ at: boardSnapshots.at, state: boardSnapshots.state })
		.from(boardSnapshots)
		.where(and(eq(boardSnapshots.boardId, input.boardId), eq(boardSnapshots.seq, input.seq)));
	if (!row) return null;
	return encodeHistorySnapshot({ seq: input.seq, at: row.at.getTime(), state: row.state });
}
