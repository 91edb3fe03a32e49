import { and, asc, desc, eq } from 'drizzle-orm';
import type { Role } from '../../shared/roles.ts';
import type { TemplateKey, WorkshopSettingsInput } from '../../shared/workshop-validation.ts';
import { appContext } from '../context.ts';
import { boards, memberships, workshops } from '../db/schema.ts';
import { recordEvent } from './workshop-events.ts';
import { newId } from '../ids.ts';
import { activeMembershipOf } from './membership-filter.ts';
import { failure, isFailure, type Failure } from './failure.ts';
import { ownTemplateSeed } from './own-templates.ts';
import { buildTemplate, seedBoard } from './templates.ts';

/** A workshop as its members see it. */
export interface WorkshopView {
	id: string;
	title: string;
	/** ISO date-time, or null when not planned. */
	date: string | null;
	purpose: string;
	/** Where the workshop takes place, or '' when not given. */
	place: string;
	categories: string[];
	admission: 'open' | 'admit';
	/** Anonymous mode: participants appear to others by their category only. */
	anonymous: boolean;
	/** When false, evaluators see pseudonyms instead of names (see `services/pseudonyms.ts`). */
	evaluatorsSeeNames: boolean;
	/** RGPD retention in months (raw update logs purged after it), or null: kept. */
	retentionMonths: number | null;
	/** ISO date-time of the last purge of raw update logs, or null. */
	logPurgedAt: string | null;
	archived: boolean;
	boards: { id: string; title: string }[];
	/** The programme the workshop belongs to (its workshops compared over time), or null. */
	programmeId: string | null;
}

/** A member's view of one workshop: the workshop and their own role and category. */
export interface WorkshopAccess {
	workshop: WorkshopView;
	role: Role;
	category: string | null;
}

/** Lists a workshop's boards, oldest first (the first one is the plenary board). */
export async function workshopBoards(workshopId: string): Promise<{ id: string; title: string }[]> {
	return appContext()
		.db.select({ id: boards.id, title: boards.title })
		.from(boards)
		.where(eq(boards.workshopId, workshopId))
		.orderBy(asc(boards.createdAt), asc(boards.id));
}

/** The workshop with its boards, or null when it does not exist. */
export async function getWorkshop(workshopId: string): Promise<WorkshopView | null> {
	const [row] = await appContext().db.select().from(workshops).where(eq(workshops.id, workshopId));
	if (!row) return null;
	return {
		id: row.id,
		title: row.title,
		date: row.date ? row.date.toISOString() : null,
		purpose: row.purpose,
		place: row.place,
		categories: row.categories,
		admission: row.admission,
		anonymous: row.anonymous,
		evaluatorsSeeNames: row.evaluatorsSeeNames,
		retentionMonths: row.retentionMonths,
		logPurgedAt: row.logPurgedAt ? row.logPurgedAt.toISOString() : null,
		archived: row.status === 'archived',
		boards: await workshopBoards(workshopId),
		programmeId: row.programmeId
	};
}

/**
 * What `userId` may do in `workshopId`: null when they are not an active member (unknown workshop,
 * never joined, removed, or still on the waiting list).
 */
export async function workshopAccess(input: {
	userId: string;
	workshopId: string;
}): Promise<WorkshopAccess | null> {
	const [member] = await appContext()
		.db.select({
			role: memberships.role,
			category: memberships.category,
			removed: memberships.removed,
			status: memberships.status
		})
		.from(memberships)
		.where(and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId)));
	if (!member || member.removed || member.status !== 'active') return null;
	const workshop = await getWorkshop(input.workshopId);
	return workshop ? { workshop, role: member.role, category: member.category } : null;
}

/** The caller's access when they facilitate the workshop; a 404/403 failure otherwise. */
export async function facilitatorAccess(input: {
	userId: string;
	workshopId: string;
}): Promise<WorkshopAccess | Failure> {
	const access = await workshopAccess(input);
	if (!access) return failure(404, 'workshop_unknown', 'No such workshop');
	if (access.role !== 'facilitator') {
		return failure(403, 'facilitator_only', 'Only facilitators may do this');
	}
	return access;
}

/** The workshops `userId` is an active member of, newest first. */
export async function listWorkshops(
	userId: string
): Promise<{ id: string; title: string; date: string | null; role: Role }[]> {
	const rows = await appContext()
		.db.select({
			id: workshops.id,
			title: workshops.title,
			date: workshops.date,
			role: memberships.role
		})
		.from(workshops)
		.innerJoin(memberships, eq(memberships.workshopId, workshops.id))
		.where(activeMembershipOf(userId))
		.orderBy(desc(workshops.createdAt));
	return rows.map((row) => ({ ...row, date: row.date ? row.date.toISOString() : null }));
}

/** Creates a workshop owned by `ownerId` (its first facilitator) with one plenary board. */
export async function createWorkshop(input: {
	ownerId: string;
	settings: WorkshopSettingsInput & { title: string };
}): Promise<{ id: string; boardId: string }> {
	const { db } = appContext();
	const id = newId();
	const boardId = newId();
	const { title, date, purpose, place, categories, admission } = input.settings;
	await db.transaction(async (tx) => {
		await tx.insert(workshops).values({
			id,
			title,
			ownerId: input.ownerId,
			date: date ? new Date(date) : null,
			purpose: purpose ?? '',
			place: place ?? '',
			...(categories ? { categories } : {}),
			...(admission ? { admission } : {})
		});
		await tx.insert(boards).values({ id: boardId, workshopId: id, title });
		await tx
			.insert(memberships)
			.values({ workshopId: id, userId: input.ownerId, role: 'facilitator', category: null });
	});
	return { id, boardId };
}

/**
 * Changes a workshop's settings (only the fields given). Recorded in `workshop_events`. Turning
 * anonymous mode on or off renames every connected person live (nobody reconnects); changing
 * whether evaluators see names makes the connected people reload.
 */
export async function updateWorkshop(input: {
	workshopId: string;
	actorId: string;
	settings: WorkshopSettingsInput;
}): Promise<void> {
	const {
		title,
		date,
		purpose,
		place,
		categories,
		admission,
		anonymous,
		evaluatorsSeeNames,
		retentionMonths
	} = input.settings;
	const changes: Partial<typeof workshops.$inferInsert> = {};
	if (title !== undefined) changes.title = title;
	if (date !== undefined) changes.date = date ? new Date(date) : null;
	if (purpose !== undefined) changes.purpose = purpose;
	if (place !== undefined) changes.place = place;
	if (categories !== undefined) changes.categories = categories;
	if (admission !== undefined) changes.admission = admission;
	if (anonymous !== undefined) changes.anonymous = anonymous;
	if (evaluatorsSeeNames !== undefined) changes.evaluatorsSeeNames = evaluatorsSeeNames;
	if (retentionMonths !== undefined) changes.retentionMonths = retentionMonths;
	if (Object.keys(changes).length === 0) return;
	const before = await getWorkshop(input.workshopId);
	await appContext().db.transaction(async (tx) => {
		await tx.update(workshops).set(changes).where(eq(workshops.id, input.workshopId));
		await recordEvent(
			{
				workshopId: input.workshopId,
				actorId: input.actorId,
				type: 'workshop-settings',
				payload: input.settings
			},
			tx
		);
	});
	const { realtime } = appContext();
	// Anonymous mode renames everyone live; who sees pseudonyms is decided again on reconnect.
	if (anonymous !== undefined && anonymous !== before?.anonymous) {
		await realtime?.anonymityChanged({ workshopId: input.workshopId, anonymous });
	}
	if (evaluatorsSeeNames !== undefined && evaluatorsSeeNames !== before?.evaluatorsSeeNames) {
		for (const userId of realtime?.onlineUserIds(input.workshopId) ?? []) {
			realtime?.accessChanged({ workshopId: input.workshopId, userId });
		}
	}
}

/**
 * Adds a board to a workshop, laid out from a built-in template or from one of the requester's own
 * templates (`ownTemplate`: 404 and no board when it is not theirs); returns its id.
 */
export async function addBoard(input: {
	workshopId: string;
	title: string;
	template?: TemplateKey;
	ownTemplate?: { id: string; ownerId: string };
}): Promise<string | Failure> {
	const seed = input.ownTemplate
		? await ownTemplateSeed({
				ownerId: input.ownTemplate.ownerId,
				templateId: input.ownTemplate.id
			})
		: input.template
			? buildTemplate(input.template)
			: null;
	if (isFailure(seed)) return seed;
	const id = newId();
	await appContext()
		.db.insert(boards)
		.values({ id, workshopId: input.workshopId, title: input.title });
	if (seed) await seedBoard(id, seed);
	return id;
}
