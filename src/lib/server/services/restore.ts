import { and, desc, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { objectsDeletedBy, restoreObjects } from '../../board/restore.ts';
import { appContext } from '../context.ts';
import { boardSnapshots, boardUpdates } from '../db/schema.ts';
import { recordEvent } from './workshop-events.ts';
import { boardAccess } from './boards.ts';
import { failure, type Failure } from './failure.ts';

/**
 * Restoring what one logged update deleted (a mass delete, a mistake): the board as it was just
 * before that update is rebuilt from the log, and the objects the update removed are put back on
 * the live board as the facilitator's act, logged under them like any edit, with an
 * `objects-restored` workshop event. The deleting update stays in the history, under its author.
 */

/** The board as stored up to and including `seq` (latest snapshot at or before it, then the log). */
async function boardAtSeq(boardId: string, seq: number): Promise<Y.Doc> {
	const { db } = appContext();
	const doc = new Y.Doc();
	const [snapshot] = await db
		.select({ seq: boardSnapshots.seq, state: boardSnapshots.state })
		.from(boardSnapshots)
		.where(and(eq(boardSnapshots.boardId, boardId), lte(boardSnapshots.seq, seq)))
		.orderBy(desc(boardSnapshots.seq))
		.limit(1);
	if (snapshot) Y.applyUpdate(doc, snapshot.state);
	const rows = await db
		.select({ update: boardUpdates.update })
		.from(boardUpdates)
		.where(
			and(
				eq(boardUpdates.boardId, boardId),
				gt(boardUpdates.seq, snapshot?.seq ?? 0),
				lte(boardUpdates.seq, seq)
			)
		)
		.orderBy(boardUpdates.seq);
	doc.transact(() => {
		for (const row of rows) Y.applyUpdate(doc, row.update);
	});
	return doc;
}

/**
 * Puts back the objects the update `seq` of a board removed, unless the board has them again.
 * Facilitators of an active workshop only. Resolves with how many objects came back.
 */
export async function restoreDeletion(input: {
	userId: string;
	boardId: string;
	seq: number;
}): Promise<{ restored: number } | Failure> {
	const access = await boardAccess({ userId: input.userId, boardId: input.boardId });
	if (!access) return failure(404, 'board_unknown', 'No such board');
	if (access.role !== 'facilitator') {
		return failure(403, 'restore_forbidden', 'Only facilitators restore deleted objects');
	}
	if (access.archived) return failure(409, 'archived', 'This workshop is archived');
	const { db, realtime } = appContext();
	const [row] = await db
		.select({ update: boardUpdates.update })
		.from(boardUpdates)
		.where(and(eq(boardUpdates.boardId, input.boardId), eq(boardUpdates.seq, input.seq)));
	if (!row) return failure(404, 'update_unknown', 'No such update in this board’s history');
	if (!realtime) return failure(503, 'realtime_unavailable', 'The live board is not available');
	const before = await boardAtSeq(input.boardId, input.seq - 1);
	const ids = objectsDeletedBy(before, row.update);
	if (ids.length === 0) return failure(409, 'nothing_deleted', 'This update deleted no object');
	const restored = await realtime.writeAs({
		boardId: input.boardId,
		author: { userId: input.userId, category: access.category },
		change: (doc, origin) => restoreObjects({ from: before, into: doc, ids, origin })
	});
	before.destroy();
	await recordEvent({
		workshopId: access.workshopId,
		actorId: input.userId,
		type: 'objects-restored',
		payload: { boardId: input.boardId, seq: input.seq, count: restored.length }
	});
	return { restored: restored.length };
}
