import { and, asc, desc, eq } from 'drizzle-orm';
import type { Role } from '../../shared/roles.ts';
import { appContext } from '../context.ts';
import { boards, memberships, workshops } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { activeMembershipOf } from './membership-filter.ts';
import { createInvite } from './invites.ts';

/** What a person may do on one board, as the server decides it. */
export interface BoardAccess {
	boardId: string;
	workshopId: string;
	title: string;
	role: Role;
	category: string | null;
	/** True once the workshop is archived: nobody writes any more. */
	archived: boolean;
	/** Anonymous mode: participants appear to others by their category only. */
	anonymous: boolean;
	/** RGPD: when false, evaluators see pseudonyms instead of names. */
	evaluatorsSeeNames: boolean;
	/** A peer group's board: the category it belongs to; null for other boards. */
	groupCategory: string | null;
}

/** A board as listed on a dashboard. */
export interface BoardSummary {
	id: string;
	title: string;
	role: Role;
	createdAt: Date;
}

/**
 * Creates a board in a new workshop owned by `ownerId` (who becomes its facilitator), with one
 * participant join link. Returns the board and the link's code.
 */
export async function createBoard(input: {
	ownerId: string;
	title: string;
}): Promise<{ id: string; title: string; joinCode: string }> {
	const { db } = appContext();
	const title = input.title.trim();
	const workshopId = newId();
	const boardId = newId();
	await db.transaction(async (tx) => {
		await tx.insert(workshops).values({ id: workshopId, title, ownerId: input.ownerId });
		await tx.insert(boards).values({ id: boardId, workshopId, title });
		await tx
			.insert(memberships)
			.values({ workshopId, userId: input.ownerId, role: 'facilitator', category: null });
	});
	const { code } = await createInvite({ workshopId, boardId });
	return { id: boardId, title, joinCode: code };
}

/**
 * The boards of every workshop `userId` belongs to (not removed from, not waiting), newest first.
 */
export async function listBoards(userId: string): Promise<BoardSummary[]> {
	const { db } = appContext();
	return db
		.select({
			id: boards.id,
			title: boards.title,
			role: memberships.role,
			createdAt: boards.createdAt
		})
		.from(boards)
		.innerJoin(memberships, eq(memberships.workshopId, boards.workshopId))
		.where(activeMembershipOf(userId))
		.orderBy(desc(boards.createdAt));
}

/** What `userId` may do on `boardId`, or null when they may not open it (or it does not exist). */
export async function boardAccess(input: {
	userId: string;
	boardId: string;
}): Promise<BoardAccess | null> {
	const { db } = appContext();
	const [row] = await db
		.select({
			boardId: boards.id,
			workshopId: boards.workshopId,
			title: boards.title,
			role: memberships.role,
			category: memberships.category,
			removed: memberships.removed,
			memberStatus: memberships.status,
			groupCategory: boards.groupCategory,
			status: workshops.status,
			anonymous: workshops.anonymous,
			evaluatorsSeeNames: workshops.evaluatorsSeeNames
		})
		.from(boards)
		.innerJoin(workshops, eq(workshops.id, boards.workshopId))
		.innerJoin(
			memberships,
			and(eq(memberships.workshopId, boards.workshopId), eq(memberships.userId, input.userId))
		)
		.where(eq(boards.id, input.boardId));
	if (!row || row.removed || row.memberStatus !== 'active') return null;
	// A peer group's board is open to its own category only (and to facilitators, evaluators).
	const outsider = row.role === 'participant' || row.role === 'observer';
	if (row.groupCategory && outsider && row.category !== row.groupCategory) return null;
	// Evaluators read the archive only, never a live board.
	if (row.role === 'evaluator' && row.status !== 'archived') return null;
	return {
		boardId: row.boardId,
		workshopId: row.workshopId,
		title: row.title,
		role: row.role,
		category: row.category,
		archived: row.status === 'archived',
		anonymous: row.anonymous,
		evaluatorsSeeNames: row.evaluatorsSeeNames,
		groupCategory: row.groupCategory
	};
}

/**
 * The boards of a workshop a person may open, oldest first (the plenary first): a peer group's
 * board only for its own category, unless they facilitate or evaluate. For the board switcher.
 */
export async function workshopBoardsFor(input: {
	workshopId: string;
	role: Role;
	category: string | null;
}): Promise<{ id: string; title: string; groupCategory: string | null }[]> {
	const rows = await appContext()
		.db.select({ id: boards.id, title: boards.title, groupCategory: boards.groupCategory })
		.from(boards)
		.where(eq(boards.workshopId, input.workshopId))
		.orderBy(asc(boards.createdAt), asc(boards.id));
	const outsider = input.role === 'participant' || input.role === 'observer';
	return rows.filter(
		(row) => !row.groupCategory || !outsider || row.groupCategory === input.category
	);
}

/** True when the board exists. */
export async function boardExists(boardId: string): Promise<boolean> {
	const [row] = await appContext()
		.db.select({ id: boards.id })
		.from(boards)
		.where(eq(boards.id, boardId));
	return Boolean(row);
}
