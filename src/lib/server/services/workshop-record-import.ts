import { appContext } from '../context.ts';
import {
	boardSnapshots,
	boards,
	feedback,
	memberships,
	users,
	voteRounds,
	votes,
	workshopEvents,
	workshopFigures,
	workshops
} from '../db/schema.ts';
import { renameEventIds } from '../../shared/workshop-event-ids.ts';
import { newId, personIdOf } from '../ids.ts';
import type { ReadRecord } from './workshop-record-read.ts';
import type { WorkshopRecord } from './workshop-record-export.ts';

/**
 * Restores a workshop record (read by `readWorkshopRecord`) as a NEW, archived workshop owned
 * by the importer: an import restores a record, it is not a live run. Boards get their Yjs
 * state as a seq-0 snapshot (so loading, history and replay work), events, vote rounds, dots,
 * feedback and figures follow with new ids.
 *
 * People stay pseudonymous: each `ref` becomes a placeholder guest (the name the document
 * carries, no e-mail, no password, no sign-in session: nobody can sign in as it) with a membership of
 * the same role and category, so that votes, feedback and figures by category stay right. The
 * importer is the only account involved. One transaction: a failure leaves nothing behind.
 */

type Tx = Parameters<Parameters<ReturnType<typeof appContext>['db']['transaction']>[0]>[0];

/** Maps a document's refs, board and vote round ids to the rows created for them. */
interface IdMaps {
	people: Map<string, string>;
	boards: Map<string, string>;
	rounds: Map<string, string>;
}

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters per statement). */
const ROWS_PER_INSERT = 1000;

/** `rows` in slices of `ROWS_PER_INSERT`. */
function chunks<T>(rows: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
		out.push(rows.slice(i, i + ROWS_PER_INSERT));
	return out;
}

/** Creates the placeholder people (one per ref) and their memberships. */
async function insertPeople(tx: Tx, workshopId: string, document: WorkshopRecord, maps: IdMaps) {
	for (const person of document.people) {
		const id = newId();
		maps.people.set(person.ref, id);
		await tx.insert(users).values({ id, kind: 'guest', name: person.name });
		await tx
			.insert(memberships)
			.values({ workshopId, userId: id, role: person.role, category: person.category });
	}
}

/** The placeholder of `ref`, created (without membership) for refs not in `people`. */
async function personOf(tx: Tx, ref: string, maps: IdMaps): Promise<string> {
	const known = maps.people.get(ref);
	if (known) return known;
	const id = newId();
	await tx.insert(users).values({ id, kind: 'guest', name: '' });
	maps.people.set(ref, id);
	return id;
}

/**
 * An event payload with the document's refs, board and round ids replaced by the new ids, in the
 * fields `EVENT_ID_FIELDS` names; a per-board person becomes the new person's id on `boardId`
 * (the event's new board).
 */
function mappedPayload(
	event: { type: string; payload: unknown },
	boardId: string | null,
	maps: IdMaps
): unknown {
	return renameEventIds({
		type: event.type,
		payload: event.payload ?? null,
		renames: {
			user: (ref) => maps.people.get(ref),
			boardPerson: (ref) => {
				const userId = maps.people.get(ref);
				return userId && boardId ? personIdOf(boardId, userId) : undefined;
			},
			board: (id) => maps.boards.get(id),
			round: (id) => maps.rounds.get(id)
		}
	});
}

async function insertBoards(tx: Tx, workshopId: string, read: ReadRecord, maps: IdMaps) {
	const { document } = read;
	const lastEvent = document.events.at(-1)?.at ?? document.exportedAt;
	const start = Date.now();
	for (const [i, board] of document.boards.entries()) {
		const id = newId();
		maps.boards.set(board.id, id);
		// Distinct creation times keep the document's board order (the first is the plenary).
		await tx.insert(boards).values({
			id,
			workshopId,
			title: board.title,
			groupCategory: board.groupCategory,
			createdAt: new Date(start + i)
		});
		const { state, itemCount } = read.states[i] as ReadRecord['states'][number];
		await tx
			.insert(boardSnapshots)
			.values({ boardId: id, seq: 0, at: new Date(lastEvent), state, itemCount });
	}
}

async function insertVotes(tx: Tx, workshopId: string, document: WorkshopRecord, maps: IdMaps) {
	for (const round of document.voteRounds) {
		const roundId = newId();
		maps.rounds.set(round.id, roundId);
		await tx.insert(voteRounds).values({
			id: roundId,
			workshopId,
			boardId: maps.boards.get(round.boardId) as string,
			frameId: round.frameId,
			dots: round.dots,
			onePerObject: round.onePerObject,
			anonymous: round.anonymous,
			openedBy: null,
			openedAt: new Date(round.openedAt),
			closedAt: round.closedAt ? new Date(round.closedAt) : null
		});
		const rows: (typeof votes.$inferInsert)[] = [];
		for (const dot of round.votes) {
			rows.push({
				id: newId(),
				roundId,
				userId: await personOf(tx, dot.voter, maps),
				itemId: dot.itemId,
				category: dot.category,
				at: new Date(dot.at)
			});
		}
		for (const chunk of chunks(rows)) await tx.insert(votes).values(chunk);
	}
}

async function insertRecords(tx: Tx, workshopId: string, document: WorkshopRecord, maps: IdMaps) {
	const rows: (typeof workshopEvents.$inferInsert)[] = [];
	for (const event of document.events) {
		const boardId = event.boardId === null ? null : (maps.boards.get(event.boardId) ?? null);
		rows.push({
			workshopId,
			boardId,
			at: new Date(event.at),
			actorId: event.actor === null ? null : await personOf(tx, event.actor, maps),
			type: event.type,
			payload: mappedPayload(event, boardId, maps)
		});
	}
	for (const chunk of chunks(rows)) await tx.insert(workshopEvents).values(chunk);
	for (const answer of document.feedback) {
		await tx.insert(feedback).values({
			workshopId,
			userId: await personOf(tx, answer.person, maps),
			category: answer.category,
			satisfaction: answer.satisfaction,
			worked: answer.worked,
			change: answer.change,
			at: new Date(answer.at)
		});
	}
}

/** Imports `read` for `ownerId` (an account, checked by the caller); returns the new workshop. */
export async function importWorkshopRecord(input: {
	ownerId: string;
	read: ReadRecord;
}): Promise<{ id: string; boardIds: string[] }> {
	const { document, figures } = input.read;
	const id = newId();
	const maps: IdMaps = { people: new Map(), boards: new Map(), rounds: new Map() };
	await appContext().db.transaction(async (tx) => {
		const { workshop } = document;
		await tx.insert(workshops).values({
			id,
			title: workshop.title,
			ownerId: input.ownerId,
			status: 'archived',
			date: workshop.date ? new Date(workshop.date) : null,
			purpose: workshop.purpose,
			place: workshop.place ?? '',
			categories: workshop.categories,
			admission: workshop.admission,
			anonymous: workshop.anonymous,
			evaluatorsSeeNames: workshop.evaluatorsSeeNames ?? false,
			retentionMonths: workshop.retentionMonths ?? null,
			agenda: workshop.agenda
		});
		await tx
			.insert(memberships)
			.values({ workshopId: id, userId: input.ownerId, role: 'facilitator', category: null });
		await insertPeople(tx, id, document, maps);
		await insertBoards(tx, id, input.read, maps);
		await insertVotes(tx, id, document, maps);
		await insertRecords(tx, id, document, maps);
		if (figures) {
			await tx.insert(workshopFigures).values({
				workshopId: id,
				version: figures.version,
				computedAt: new Date(figures.computedAt),
				figures
			});
		}
	});
	return { id, boardIds: [...maps.boards.values()] };
}
