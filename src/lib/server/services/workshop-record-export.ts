import { asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import * as z from 'zod';
import { loadBoardInto } from '../history/store.ts';
import { toBase64 } from '../../board/export/svg.ts';
import type { Translate } from '../../i18n/index.ts';
import { appContext } from '../context.ts';
import {
	boards,
	feedback,
	memberships,
	users,
	voteRounds,
	votes,
	workshopEvents,
	workshops
} from '../db/schema.ts';
import { workshopFiguresFor } from './figures/index.ts';
import type { Role } from '../../shared/roles.ts';
import { renameEventIds } from '../../shared/workshop-event-ids.ts';
import { PLACE_MAX_CHARS } from '../../shared/workshop-validation.ts';
import { newId, personIdOf } from '../ids.ts';
import { anonymousNameFor, pseudonymFor, pseudonymTag, seesPseudonyms } from './pseudonyms.ts';

/**
 * A workshop record: the whole workshop as one JSON document (`format: "croisee-session"`, a name
 * kept for files already exported; version 1):
 * settings, each board's Yjs state (base64), the event log, vote rounds with their dots, feedback
 * and the figures. People appear as `ref`s (their pseudonym tag in this workshop, not reversible
 * without the server key) listed once in `people`, with their name for facilitators and their
 * pseudonym for evaluators (unless the workshop lets evaluators see names). In an anonymous
 * workshop the refs are random for each export and people other than facilitators are named by
 * their category only, for every reader. No e-mail, password
 * hash, session or invitation code is ever exported.
 */

/** Identifies the document type. */
export const RECORD_FORMAT = 'croisee-session';
/** Version of the document shape (bumped on incompatible changes). */
export const RECORD_VERSION = 1;

const iso = z.iso.datetime({ offset: true });
const ref = z.string().min(1).max(64);

/** The schema of a workshop record, checked strictly before any import. */
export const workshopRecord = z.strictObject({
	format: z.literal(RECORD_FORMAT),
	version: z.literal(RECORD_VERSION),
	exportedAt: iso,
	workshop: z.strictObject({
		title: z.string().min(1).max(200),
		purpose: z.string().max(5000),
		/** Where it took place (optional in version 1: documents exported before it lack it). */
		place: z.string().max(PLACE_MAX_CHARS).optional(),
		date: iso.nullable(),
		status: z.enum(['active', 'archived']),
		categories: z.array(z.string().min(1).max(60)).max(50),
		admission: z.enum(['open', 'admit']),
		anonymous: z.boolean(),
		/** Optional in version 1: documents exported before it was added lack it. */
		evaluatorsSeeNames: z.boolean().optional(),
		/** RGPD retention in months, or null (optional in version 1, like `evaluatorsSeeNames`). */
		retentionMonths: z.int().min(1).max(120).nullable().optional(),
		agenda: z.array(
			z.strictObject({
				id: z.string().max(64),
				title: z.string().max(200),
				plannedSeconds: z.int().min(0)
			})
		)
	}),
	people: z.array(
		z.strictObject({
			ref,
			name: z.string().max(200),
			role: z.enum(['facilitator', 'participant', 'observer', 'evaluator']),
			category: z.string().max(60).nullable()
		})
	),
	boards: z.array(
		z.strictObject({
			id: z.string().min(1).max(64),
			title: z.string().min(1).max(200),
			groupCategory: z.string().max(60).nullable(),
			state: z.base64()
		})
	),
	events: z.array(
		z.strictObject({
			boardId: z.string().max(64).nullable(),
			at: iso,
			actor: ref.nullable(),
			type: z.string().min(1).max(64),
			payload: z.unknown()
		})
	),
	voteRounds: z.array(
		z.strictObject({
			id: z.string().min(1).max(64),
			boardId: z.string().min(1).max(64),
			frameId: z.string().max(64).nullable(),
			dots: z.int().min(1).max(100),
			onePerObject: z.boolean(),
			anonymous: z.boolean(),
			openedAt: iso,
			closedAt: iso.nullable(),
			votes: z.array(
				z.strictObject({
					voter: ref,
					itemId: z.string().max(64),
					category: z.string().max(60).nullable(),
					at: iso
				})
			)
		})
	),
	feedback: z.array(
		z.strictObject({
			person: ref,
			category: z.string().max(60).nullable(),
			satisfaction: z.int().min(1).max(5),
			worked: z.string().max(2000),
			change: z.string().max(2000),
			at: iso
		})
	),
	figures: z.unknown()
});

/** A workshop record. */
export type WorkshopRecord = z.infer<typeof workshopRecord>;

async function exportBoards(workshopId: string): Promise<WorkshopRecord['boards']> {
	const rows = await appContext()
		.db.select({ id: boards.id, title: boards.title, groupCategory: boards.groupCategory })
		.from(boards)
		.where(eq(boards.workshopId, workshopId))
		.orderBy(asc(boards.createdAt), asc(boards.id));
	const out: WorkshopRecord['boards'] = [];
	for (const row of rows) {
		const doc = new Y.Doc();
		await loadBoardInto(doc, row.id);
		out.push({ ...row, state: toBase64(Y.encodeStateAsUpdate(doc)) });
	}
	return out;
}

/**
 * The `ref` of each member: their pseudonym tag; in an anonymous workshop a random one drawn for
 * this export, so that nothing in the document (votes, events, feedback) can be tied to a tag seen
 * elsewhere.
 */
function refsOf(workshopId: string, userIds: readonly string[], anonymous: boolean) {
	return new Map(
		userIds.map((userId) => [userId, anonymous ? newId() : pseudonymTag({ workshopId, userId })])
	);
}

async function exportPeople(input: {
	workshopId: string;
	pseudonyms: boolean;
	anonymous: boolean;
	t?: Translate;
}) {
	const { workshopId, pseudonyms, anonymous, t } = input;
	const rows = await appContext()
		.db.select({
			userId: memberships.userId,
			name: users.name,
			role: memberships.role,
			category: memberships.category
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workshopId, workshopId))
		.orderBy(asc(memberships.createdAt), asc(memberships.userId));
	const refOf = refsOf(
		workshopId,
		rows.map((row) => row.userId),
		anonymous
	);
	const nameOf = (row: (typeof rows)[number]) => {
		// As on the live board: in an anonymous workshop only facilitators keep their name.
		if (anonymous && row.role !== 'facilitator')
			return anonymousNameFor({ category: row.category, t });
		if (pseudonyms) {
			return pseudonymFor({ workshopId, userId: row.userId, category: row.category, t });
		}
		return row.name;
	};
	const people = rows.map((row) => ({
		ref: refOf.get(row.userId) as string,
		name: nameOf(row),
		role: row.role,
		category: row.category
	}));
	// Listed in the order of their random refs, not of their arrival, when anonymous.
	if (anonymous) people.sort((a, b) => (a.ref < b.ref ? -1 : 1));
	return { people, refOf };
}

async function exportVotes(
	workshopId: string,
	refOf: ReadonlyMap<string, string>,
	anonymous: boolean
) {
	const { db } = appContext();
	const rounds = await db
		.select()
		.from(voteRounds)
		.where(eq(voteRounds.workshopId, workshopId))
		.orderBy(asc(voteRounds.openedAt), asc(voteRounds.id));
	const dots = rounds.length
		? await db
				.select()
				.from(votes)
				.where(
					inArray(
						votes.roundId,
						rounds.map((round) => round.id)
					)
				)
				.orderBy(asc(votes.at), asc(votes.id))
		: [];
	return rounds.map((round) => ({
		id: round.id,
		boardId: round.boardId,
		frameId: round.frameId,
		dots: round.dots,
		onePerObject: round.onePerObject,
		anonymous: round.anonymous || anonymous,
		openedAt: round.openedAt.toISOString(),
		closedAt: round.closedAt?.toISOString() ?? null,
		votes: dots
			.filter((dot) => dot.roundId === round.id)
			.map((dot) => ({
				voter: refOf.get(dot.userId) ?? 'unknown',
				itemId: dot.itemId,
				category: dot.category,
				at: dot.at.toISOString()
			}))
	}));
}

/** The ref of each member's per-board id (`personIdOf`) on each of `boardIds`. */
function boardPersonRefs(
	refOf: ReadonlyMap<string, string>,
	boardIds: readonly string[]
): Map<string, string> {
	const out = new Map<string, string>();
	for (const boardId of boardIds) {
		for (const [userId, ref] of refOf) out.set(personIdOf(boardId, userId), ref);
	}
	return out;
}

/**
 * An event payload with every member named in it (by user id or per-board id) replaced by their
 * ref, in the fields `EVENT_ID_FIELDS` names.
 */
function refPayload(
	event: { type: string; payload: unknown },
	refOf: ReadonlyMap<string, string>,
	boardPersonRef: ReadonlyMap<string, string>
): unknown {
	return renameEventIds({
		type: event.type,
		payload: event.payload ?? null,
		renames: { user: (id) => refOf.get(id), boardPerson: (id) => boardPersonRef.get(id) }
	});
}

/**
 * The workshop record of `workshopId` as `viewer` may see it (the caller checked the role):
 * evaluators get pseudonyms unless the workshop shows them names. Null for an unknown workshop.
 */
export async function exportWorkshopRecord(input: {
	workshopId: string;
	viewer: Role;
	now?: Date;
	/** The reader's language, for the pseudonyms' category labels (French by default). */
	t?: Translate;
}): Promise<WorkshopRecord | null> {
	const { db } = appContext();
	const { workshopId } = input;
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
	if (!workshop) return null;
	const pseudonyms = seesPseudonyms({
		role: input.viewer,
		evaluatorsSeeNames: workshop.evaluatorsSeeNames
	});
	const { people, refOf } = await exportPeople({
		workshopId,
		pseudonyms,
		anonymous: workshop.anonymous,
		t: input.t
	});
	const events = await db
		.select()
		.from(workshopEvents)
		.where(eq(workshopEvents.workshopId, workshopId))
		.orderBy(asc(workshopEvents.at), asc(workshopEvents.id));
	const answers = await db
		.select()
		.from(feedback)
		.where(eq(feedback.workshopId, workshopId))
		.orderBy(asc(feedback.at), asc(feedback.userId));
	const exportedBoards = await exportBoards(workshopId);
	const boardPersonRef = boardPersonRefs(
		refOf,
		exportedBoards.map((board) => board.id)
	);
	return {
		format: RECORD_FORMAT,
		version: RECORD_VERSION,
		exportedAt: (input.now ?? new Date()).toISOString(),
		workshop: {
			title: workshop.title,
			purpose: workshop.purpose,
			place: workshop.place,
			date: workshop.date?.toISOString() ?? null,
			status: workshop.status,
			categories: workshop.categories,
			admission: workshop.admission,
			anonymous: workshop.anonymous,
			evaluatorsSeeNames: workshop.evaluatorsSeeNames,
			retentionMonths: workshop.retentionMonths,
			agenda: workshop.agenda
		},
		people,
		boards: exportedBoards,
		events: events.map((event) => ({
			boardId: event.boardId,
			at: event.at.toISOString(),
			actor: event.actorId ? (refOf.get(event.actorId) ?? null) : null,
			type: event.type,
			payload: refPayload(event, refOf, boardPersonRef)
		})),
		voteRounds: await exportVotes(workshopId, refOf, workshop.anonymous),
		feedback: answers.map((answer) => ({
			person: refOf.get(answer.userId) ?? 'unknown',
			category: answer.category,
			satisfaction: answer.satisfaction,
			worked: answer.worked,
			change: answer.change,
			at: answer.at.toISOString()
		})),
		figures: (await workshopFiguresFor({ workshopId })) ?? null
	};
}
