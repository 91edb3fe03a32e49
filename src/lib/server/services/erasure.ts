import { and, eq, inArray, notInArray, or } from 'drizzle-orm';
import { PERSON_EVENT_TYPES, renameEventIds } from '../../shared/workshop-event-ids.ts';
import { WORKSHOP_EVENT_TYPES } from '../../shared/workshop-events.ts';
import { appContext } from '../context.ts';
import {
	boardDrafts,
	boardLocks,
	boards,
	boardClients,
	boardUpdates,
	feedback,
	files,
	memberships,
	tickets,
	users,
	voteRounds,
	votes,
	workshopEvents
} from '../db/schema.ts';
import { newId, personIdOf } from '../ids.ts';
import { failure, type Failure } from './failure.ts';
import { recordEvent } from './workshop-events.ts';

/**
 * RGPD erasure of one person's data in one workshop, at a facilitator's request. What they wrote
 * (board items, vote dots, feedback text) stays, attributed to their category only: their
 * membership, votes and feedback move to a fresh placeholder person with no name, e-mail or
 * password; every other trace of their id in the workshop is removed (update-log authors, event
 * actors and payloads, uploads, locks, private drafts, tickets). When nothing else links the
 * person to the server (a guest of this workshop only), the person row is deleted with its
 * sessions. An account, or a guest also in other workshops, keeps their row there: a facilitator
 * erases their own workshop's data, never data of workshops they do not run.
 */

type Tx = Parameters<Parameters<ReturnType<typeof appContext>['db']['transaction']>[0]>[0];

/**
 * An event payload with the person `userId` replaced by `placeholderId` in the fields
 * `EVENT_ID_FIELDS` names: their user id, and their per-board id on any of `boardIds` (the
 * workshop's boards) by the placeholder's on the same board.
 */
export function erasedPayload(input: {
	type: string;
	payload: unknown;
	userId: string;
	placeholderId: string;
	boardIds: readonly string[];
}): unknown {
	const { userId, placeholderId } = input;
	const perBoard = new Map(
		input.boardIds.map((boardId) => [
			personIdOf(boardId, userId),
			personIdOf(boardId, placeholderId)
		])
	);
	return renameEventIds({
		type: input.type,
		payload: input.payload,
		renames: {
			user: (id) => (id === userId ? placeholderId : undefined),
			boardPerson: (id) => perBoard.get(id)
		}
	});
}

async function scrubEvents(
	tx: Tx,
	workshopId: string,
	boardIds: readonly string[],
	person: { userId: string; placeholderId: string }
) {
	const { userId } = person;
	await tx
		.update(workshopEvents)
		.set({ actorId: null })
		.where(and(eq(workshopEvents.workshopId, workshopId), eq(workshopEvents.actorId, userId)));
	// The types whose payload names a person, and any type outside the catalogue (legacy rows).
	const rows = await tx
		.select({
			id: workshopEvents.id,
			type: workshopEvents.type,
			payload: workshopEvents.payload
		})
		.from(workshopEvents)
		.where(
			and(
				eq(workshopEvents.workshopId, workshopId),
				or(
					inArray(workshopEvents.type, [...PERSON_EVENT_TYPES]),
					notInArray(workshopEvents.type, WORKSHOP_EVENT_TYPES)
				)
			)
		);
	for (const row of rows) {
		const payload = erasedPayload({ ...row, ...person, boardIds });
		if (JSON.stringify(payload) === JSON.stringify(row.payload)) continue;
		await tx.update(workshopEvents).set({ payload }).where(eq(workshopEvents.id, row.id));
	}
}

async function scrubBoards(tx: Tx, boardIds: string[], userId: string) {
	if (boardIds.length === 0) return;
	const onBoards = inArray(boardUpdates.boardId, boardIds);
	await tx
		.update(boardUpdates)
		.set({ authorId: null })
		.where(and(onBoards, eq(boardUpdates.authorId, userId)));
	// Their Yjs client ids: once unbound, nobody can write under them again (see update-guard.ts).
	await tx
		.delete(boardClients)
		.where(and(inArray(boardClients.boardId, boardIds), eq(boardClients.userId, userId)));
	await tx
		.update(files)
		.set({ uploaderId: null })
		.where(and(inArray(files.boardId, boardIds), eq(files.uploaderId, userId)));
	await tx
		.update(boardLocks)
		.set({ lockedBy: null })
		.where(and(inArray(boardLocks.boardId, boardIds), eq(boardLocks.lockedBy, userId)));
	await tx
		.delete(boardDrafts)
		.where(and(inArray(boardDrafts.boardId, boardIds), eq(boardDrafts.userId, userId)));
	await tx
		.delete(tickets)
		.where(and(inArray(tickets.boardId, boardIds), eq(tickets.userId, userId)));
}

/** Moves the person's membership, dots and feedback in the workshop to the placeholder. */
async function moveContributions(tx: Tx, workshopId: string, userId: string, to: string) {
	await tx.insert(users).values({ id: to, kind: 'guest', name: '' });
	await tx
		.update(memberships)
		.set({ userId: to, removed: true, inviteId: null })
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)));
	const rounds = tx
		.select({ id: voteRounds.id })
		.from(voteRounds)
		.where(eq(voteRounds.workshopId, workshopId));
	await tx
		.update(votes)
		.set({ userId: to })
		.where(and(eq(votes.userId, userId), inArray(votes.roundId, rounds)));
	await tx
		.update(voteRounds)
		.set({ openedBy: null })
		.where(and(eq(voteRounds.workshopId, workshopId), eq(voteRounds.openedBy, userId)));
	await tx
		.update(feedback)
		.set({ userId: to })
		.where(and(eq(feedback.workshopId, workshopId), eq(feedback.userId, userId)));
}

/** Deletes a guest who is left with no membership anywhere (sessions and tickets cascade). */
async function forgetLoneGuest(tx: Tx, userId: string): Promise<boolean> {
	const [other] = await tx
		.select({ workshopId: memberships.workshopId })
		.from(memberships)
		.where(eq(memberships.userId, userId))
		.limit(1);
	if (other) return false;
	const deleted = await tx
		.delete(users)
		.where(and(eq(users.id, userId), eq(users.kind, 'guest')))
		.returning({ id: users.id });
	return deleted.length > 0;
}

/**
 * Erases `userId`'s personal data from `workshopId` (the caller checked that `actorId`
 * facilitates it). One transaction; their live connections are closed. Returns whether the person
 * row itself was deleted.
 */
export async function erasePerson(input: {
	workshopId: string;
	actorId: string;
	userId: string;
}): Promise<{ personDeleted: boolean } | Failure> {
	const { db, realtime } = appContext();
	if (input.userId === input.actorId) {
		return failure(409, 'erase_self', 'Facilitators cannot erase themselves here');
	}
	const [member] = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId)));
	if (!member) return failure(404, 'person_unknown', 'No such person in this workshop');
	if (member.role === 'facilitator') {
		return failure(409, 'erase_facilitator', 'A facilitator is not erased here');
	}
	const boardIds = (
		await db.select({ id: boards.id }).from(boards).where(eq(boards.workshopId, input.workshopId))
	).map((row) => row.id);
	const placeholderId = newId();
	// Their sockets first, then what they sent is in the database: nothing of theirs lands after
	// the scrub (the embedded database commits right after broadcasting, see log-journal.ts).
	realtime?.disconnectUser({ workshopId: input.workshopId, userId: input.userId });
	await realtime?.storedBoards(boardIds);
	const personDeleted = await db.transaction(async (tx) => {
		await moveContributions(tx, input.workshopId, input.userId, placeholderId);
		await scrubBoards(tx, boardIds, input.userId);
		await scrubEvents(tx, input.workshopId, boardIds, { userId: input.userId, placeholderId });
		await recordEvent(
			{ workshopId: input.workshopId, actorId: input.actorId, type: 'person-erased', payload: {} },
			tx
		);
		return forgetLoneGuest(tx, input.userId);
	});
	realtime?.disconnectUser({ workshopId: input.workshopId, userId: input.userId }); // a reconnect meanwhile
	if (personDeleted) realtime?.signedOutEverywhere(input.userId);
	return { personDeleted };
}
