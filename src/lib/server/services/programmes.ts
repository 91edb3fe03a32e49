import { and, asc, eq, inArray, or } from 'drizzle-orm';
import {
	programmeFigures,
	type ProgrammeFigures,
	type ProgrammeReader
} from '../../shared/programmes.ts';
import { appContext } from '../context.ts';
import { memberships, programmes, workshops } from '../db/schema.ts';
import { recordEvent } from './workshop-events.ts';
import { newId } from '../ids.ts';
import { failure, isFailure, type Failure } from './failure.ts';
import { workshopFiguresFor } from './figures/index.ts';

/**
 * Programmes group a facilitator's workshops so their figures can be compared over time. The owner
 * changes a programme; facilitators and evaluators of any of its workshops read it (evaluators see
 * archived workshops only). Deleting a programme unlinks its workshops, never deletes them.
 */

/** A programme as listed. */
export interface ProgrammeSummary {
	id: string;
	title: string;
	createdAt: string;
	/** How the caller reads it. */
	reader: ProgrammeReader;
}

/** One workshop of a programme, as its reader sees it. */
export interface ProgrammeWorkshop {
	id: string;
	title: string;
	/** The workshop's date, or its creation time when it has none (ISO). */
	date: string;
	archived: boolean;
	/** The caller's role in that workshop, or null when they are not a member. */
	role: string | null;
}

/** A programme read by someone allowed to. */
export interface ProgrammeView {
	id: string;
	title: string;
	reader: ProgrammeReader;
	/** The workshops the reader may see, in date order. */
	workshops: ProgrammeWorkshop[];
}

const READER_ROLES = ['facilitator', 'evaluator'] as const;

/** The strongest reading right among `roles` (facilitator over evaluator), or null. */
function strongest(roles: readonly string[]): ProgrammeReader | null {
	if (roles.includes('facilitator')) return 'facilitator';
	return roles.includes('evaluator') ? 'evaluator' : null;
}

/** The caller's active facilitator/evaluator memberships in workshops of the given programmes. */
async function readerMemberships(userId: string, programmeIds?: string[]) {
	const programmeFilter = programmeIds ? inArray(workshops.programmeId, programmeIds) : undefined;
	return appContext()
		.db.select({
			programmeId: workshops.programmeId,
			workshopId: workshops.id,
			role: memberships.role
		})
		.from(memberships)
		.innerJoin(workshops, eq(workshops.id, memberships.workshopId))
		.where(
			and(
				eq(memberships.userId, userId),
				eq(memberships.removed, false),
				eq(memberships.status, 'active'),
				inArray(memberships.role, [...READER_ROLES]),
				programmeFilter
			)
		);
}

/** Creates a programme owned by `ownerId`. */
export async function createProgramme(input: {
	ownerId: string;
	title: string;
}): Promise<ProgrammeSummary> {
	const id = newId();
	const [row] = await appContext()
		.db.insert(programmes)
		.values({ id, ownerId: input.ownerId, title: input.title })
		.returning();
	return { id, title: input.title, createdAt: row!.createdAt.toISOString(), reader: 'owner' };
}

/** The programmes `userId` owns or reads through one of its workshops, oldest first. */
export async function listProgrammes(userId: string): Promise<ProgrammeSummary[]> {
	const member = await readerMemberships(userId);
	const readIds = [...new Set(member.flatMap((row) => (row.programmeId ? [row.programmeId] : [])))];
	const rows = await appContext()
		.db.select()
		.from(programmes)
		.where(
			readIds.length > 0
				? or(eq(programmes.ownerId, userId), inArray(programmes.id, readIds))
				: eq(programmes.ownerId, userId)
		)
		.orderBy(asc(programmes.createdAt), asc(programmes.id));
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		createdAt: row.createdAt.toISOString(),
		reader:
			row.ownerId === userId
				? 'owner'
				: (strongest(member.filter((m) => m.programmeId === row.id).map((m) => m.role)) ??
					'evaluator')
	}));
}

/** The programmes `userId` owns (those they may put workshops in), oldest first. */
export async function ownedProgrammes(userId: string): Promise<{ id: string; title: string }[]> {
	return appContext()
		.db.select({ id: programmes.id, title: programmes.title })
		.from(programmes)
		.where(eq(programmes.ownerId, userId))
		.orderBy(asc(programmes.createdAt), asc(programmes.id));
}

/**
 * The programme as `userId` may read it: 404 `programme_unknown` when it does not exist or they
 * neither own it nor facilitate or evaluate one of its workshops.
 */
export async function readProgramme(input: {
	userId: string;
	programmeId: string;
}): Promise<ProgrammeView | Failure> {
	const { db } = appContext();
	const unknown = failure(404, 'programme_unknown', 'No such programme');
	const [programme] = await db
		.select()
		.from(programmes)
		.where(eq(programmes.id, input.programmeId));
	if (!programme) return unknown;
	const member = await readerMemberships(input.userId, [programme.id]);
	const reader: ProgrammeReader | null =
		programme.ownerId === input.userId ? 'owner' : strongest(member.map((row) => row.role));
	if (!reader) return unknown;
	const rows = await db
		.select({
			id: workshops.id,
			title: workshops.title,
			date: workshops.date,
			createdAt: workshops.createdAt,
			status: workshops.status
		})
		.from(workshops)
		.where(eq(workshops.programmeId, programme.id));
	const roles = new Map(member.map((row) => [row.workshopId, row.role]));
	const visible = rows
		.filter((row) => reader !== 'evaluator' || row.status === 'archived')
		.map((row) => ({
			id: row.id,
			title: row.title,
			date: (row.date ?? row.createdAt).toISOString(),
			archived: row.status === 'archived',
			role: roles.get(row.id) ?? null
		}))
		.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
	return { id: programme.id, title: programme.title, reader, workshops: visible };
}

/** The programme's figures over time, over the workshops its reader may see. */
export async function programmeFiguresOf(view: ProgrammeView): Promise<ProgrammeFigures> {
	const withFigures = [];
	for (const workshop of view.workshops) {
		const figures = await workshopFiguresFor({ workshopId: workshop.id });
		if (figures) withFigures.push({ workshopId: workshop.id, date: workshop.date, figures });
	}
	return programmeFigures(withFigures);
}

/** Null when `userId` owns the programme; 404 when they may not read it, 403 when they only read it. */
export async function programmeOwnerRefusal(input: {
	userId: string;
	programmeId: string;
}): Promise<Failure | null> {
	const view = await readProgramme(input);
	if (isFailure(view)) return view;
	return view.reader === 'owner'
		? null
		: failure(403, 'programme_owner_only', 'Only the owner of the programme may do this');
}

/** Renames a programme (its owner). */
export async function renameProgramme(input: {
	userId: string;
	programmeId: string;
	title: string;
}): Promise<Failure | null> {
	const refused = await programmeOwnerRefusal(input);
	if (refused) return refused;
	await appContext()
		.db.update(programmes)
		.set({ title: input.title })
		.where(eq(programmes.id, input.programmeId));
	return null;
}

/** Deletes a programme (its owner): its workshops stay, out of any programme. */
export async function deleteProgramme(input: {
	userId: string;
	programmeId: string;
}): Promise<Failure | null> {
	const refused = await programmeOwnerRefusal(input);
	if (refused) return refused;
	await appContext().db.transaction(async (tx) => {
		await tx
			.update(workshops)
			.set({ programmeId: null })
			.where(eq(workshops.programmeId, input.programmeId));
		await tx.delete(programmes).where(eq(programmes.id, input.programmeId));
	});
	return null;
}

/**
 * Puts a workshop in a programme, or out of any (null). The caller (a facilitator of the workshop,
 * checked by the route) must own the programme: 404 `programme_unknown` otherwise, so others'
 * programme ids reveal nothing. Recorded in `workshop_events`. Allowed on archived workshops.
 */
export async function assignProgramme(input: {
	workshopId: string;
	actorId: string;
	programmeId: string | null;
}): Promise<Failure | null> {
	const { db } = appContext();
	if (input.programmeId !== null) {
		const [programme] = await db
			.select({ ownerId: programmes.ownerId })
			.from(programmes)
			.where(eq(programmes.id, input.programmeId));
		if (!programme || programme.ownerId !== input.actorId) {
			return failure(404, 'programme_unknown', 'No such programme among yours');
		}
	}
	await db.transaction(async (tx) => {
		await tx
			.update(workshops)
			.set({ programmeId: input.programmeId })
			.where(eq(workshops.id, input.workshopId));
		await recordEvent(
			{
				workshopId: input.workshopId,
				actorId: input.actorId,
				type: 'workshop-programme',
				payload: { programmeId: input.programmeId }
			},
			tx
		);
	});
	return null;
}

/** The programme a workshop belongs to (id and title), or null. */
export async function programmeOfWorkshop(
	workshopId: string
): Promise<{ id: string; title: string } | null> {
	const [row] = await appContext()
		.db.select({ id: programmes.id, title: programmes.title })
		.from(workshops)
		.innerJoin(programmes, eq(programmes.id, workshops.programmeId))
		.where(eq(workshops.id, workshopId));
	return row ?? null;
}
