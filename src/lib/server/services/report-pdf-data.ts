import { and, asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { loadBoardInto } from '../history/store.ts';
import { appContext } from '../context.ts';
import { memberships, users } from '../db/schema.ts';
import type { ReportBoard } from '../export/report-pdf-cover.ts';
import { workshopBoards } from './workshops.ts';

/**
 * What the report PDF shows beyond the figures: the facilitators who sign it (by name, for readers
 * who see names) and the workshop's boards as stored (categories only, no author).
 */

/** Names of the workshop's facilitators (not removed), by name. */
export async function reportFacilitators(workshopId: string): Promise<string[]> {
	const rows = await appContext()
		.db.select({ name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(
			and(
				eq(memberships.workshopId, workshopId),
				eq(memberships.role, 'facilitator'),
				eq(memberships.removed, false)
			)
		)
		.orderBy(asc(users.name));
	return rows.map((row) => row.name);
}

/** The workshop's boards with their documents as stored, oldest first. */
export async function reportBoards(workshopId: string): Promise<ReportBoard[]> {
	const boards = await workshopBoards(workshopId);
	return Promise.all(
		boards.map(async (board) => {
			const doc = new Y.Doc();
			await loadBoardInto(doc, board.id);
			return { title: board.title, doc };
		})
	);
}
