import { and, eq } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { workshops } from '../db/schema.ts';
import { recordEvent } from './workshop-events.ts';
import { failure, type Failure } from './failure.ts';
import { workshopBoards } from './workshops.ts';

/**
 * Archiving a workshop ends it: its boards become read-only for everyone (the realtime server and
 * every mutating route check `workshops.status`), a final snapshot of each board is written, and
 * evaluators may open its replay. Archiving cannot be undone.
 */

/** The failure every write to an archived workshop gets (409, `workshop_archived`). */
export function archivedFailure(): Failure {
	return failure(409, 'workshop_archived', 'This workshop is archived: nothing may change');
}

/**
 * Archives `workshopId` on behalf of `actorId` (a facilitator, checked by the caller): sets the
 * status, records a `workshop-archived` event, closes every live connection (they come back
 * read-only) and writes each board's final snapshot. A second call is a 409 failure.
 */
export async function archiveWorkshop(input: {
	workshopId: string;
	actorId: string;
}): Promise<{ archivedAt: string } | Failure> {
	const { db, realtime } = appContext();
	const at = new Date();
	const changed = await db.transaction(async (tx) => {
		const rows = await tx
			.update(workshops)
			.set({ status: 'archived' })
			.where(and(eq(workshops.id, input.workshopId), eq(workshops.status, 'active')))
			.returning({ id: workshops.id });
		if (rows.length === 0) return false;
		await recordEvent(
			{
				workshopId: input.workshopId,
				actorId: input.actorId,
				type: 'workshop-archived',
				payload: {},
				at
			},
			tx
		);
		return true;
	});
	if (!changed) return archivedFailure();
	const boardIds = (await workshopBoards(input.workshopId)).map((board) => board.id);
	await realtime?.workshopArchived({ workshopId: input.workshopId, boardIds });
	return { archivedAt: at.toISOString() };
}
