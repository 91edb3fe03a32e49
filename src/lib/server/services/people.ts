import { and, asc, eq } from 'drizzle-orm';
import type { Role } from '../../shared/roles.ts';
import { appContext } from '../context.ts';
import { invites, memberships, users } from '../db/schema.ts';
import type { WorkshopEventPayloads } from '../../shared/workshop-events.ts';
import { recordEvent } from './workshop-events.ts';
import { failure, type Failure } from './failure.ts';

/** One person of a workshop as the facilitator's people panel shows them. */
export interface WorkshopPerson {
	userId: string;
	name: string;
	kind: 'account' | 'guest';
	role: Role;
	category: string | null;
	/** `waiting`: on the waiting list of a workshop in "admit" mode. */
	status: 'active' | 'waiting';
	/** True when they have a live socket on one of the workshop's boards. */
	online: boolean;
}

/** Everyone in a workshop who was not removed, waiting list included, by name. */
export async function listPeople(workshopId: string): Promise<WorkshopPerson[]> {
	const rows = await appContext()
		.db.select({
			userId: users.id,
			name: users.name,
			kind: users.kind,
			role: memberships.role,
			category: memberships.category,
			status: memberships.status
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.removed, false)))
		.orderBy(asc(users.name), asc(users.id));
	const online = new Set(appContext().realtime?.onlineUserIds(workshopId) ?? []);
	return rows.map((row) => ({ ...row, online: online.has(row.userId) }));
}

async function memberOf(workshopId: string, userId: string) {
	const [row] = await appContext()
		.db.select()
		.from(memberships)
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)));
	return row && !row.removed ? row : null;
}

async function facilitatorCount(workshopId: string): Promise<number> {
	const rows = await appContext()
		.db.select({ userId: memberships.userId })
		.from(memberships)
		.where(
			and(
				eq(memberships.workshopId, workshopId),
				eq(memberships.role, 'facilitator'),
				eq(memberships.removed, false)
			)
		);
	return rows.length;
}

async function record<T extends 'person-updated' | 'person-removed' | 'person-admitted'>(
	workshopId: string,
	actorId: string,
	type: T,
	payload: WorkshopEventPayloads[T]
) {
	await recordEvent({ workshopId, actorId, type, payload });
}

/**
 * Changes a member's role and/or category. The last facilitator cannot step down. Their live
 * connections are closed so that they come back with the new rights (the page reloads).
 */
export async function updatePerson(input: {
	workshopId: string;
	actorId: string;
	userId: string;
	role?: Role;
	category?: string | null;
}): Promise<Failure | null> {
	const member = await memberOf(input.workshopId, input.userId);
	if (!member) return failure(404, 'person_unknown', 'No such person in this workshop');
	const demoting = member.role === 'facilitator' && input.role && input.role !== 'facilitator';
	if (demoting && (await facilitatorCount(input.workshopId)) <= 1) {
		return failure(409, 'last_facilitator', 'A workshop keeps at least one facilitator');
	}
	const changes: { role?: Role; category?: string | null } = {};
	if (input.role !== undefined) changes.role = input.role;
	if (input.category !== undefined) changes.category = input.category;
	await appContext()
		.db.update(memberships)
		.set(changes)
		.where(and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId)));
	await record(input.workshopId, input.actorId, 'person-updated', {
		userId: input.userId,
		...changes
	});
	appContext().realtime?.accessChanged({ workshopId: input.workshopId, userId: input.userId });
	return null;
}

/**
 * Removes someone from a workshop: their sockets are closed at once, and neither their session nor
 * a join link lets them back in (`revokeLink` also revokes the link they came with, for everyone).
 */
export async function removePerson(input: {
	workshopId: string;
	actorId: string;
	userId: string;
	revokeLink: boolean;
}): Promise<Failure | null> {
	const member = await memberOf(input.workshopId, input.userId);
	if (!member) return failure(404, 'person_unknown', 'No such person in this workshop');
	if (input.userId === input.actorId) {
		return failure(409, 'cannot_remove_self', 'Facilitators cannot remove themselves');
	}
	const { db, realtime } = appContext();
	await db.transaction(async (tx) => {
		await tx
			.update(memberships)
			.set({ removed: true })
			.where(
				and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId))
			);
		if (input.revokeLink && member.inviteId) {
			await tx
				.update(invites)
				.set({ revokedAt: new Date() })
				.where(eq(invites.id, member.inviteId));
		}
	});
	realtime?.disconnectUser({ workshopId: input.workshopId, userId: input.userId });
	await record(input.workshopId, input.actorId, 'person-removed', {
		userId: input.userId,
		revokeLink: input.revokeLink
	});
	return null;
}

/** Admits someone from the waiting list. */
export async function admitPerson(input: {
	workshopId: string;
	actorId: string;
	userId: string;
}): Promise<Failure | null> {
	const member = await memberOf(input.workshopId, input.userId);
	if (!member) return failure(404, 'person_unknown', 'No such person in this workshop');
	if (member.status === 'active') return null;
	await appContext()
		.db.update(memberships)
		.set({ status: 'active' })
		.where(and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId)));
	await record(input.workshopId, input.actorId, 'person-admitted', { userId: input.userId });
	return null;
}

/** The caller's membership status in a workshop: what a guest on the waiting list polls. */
export async function membershipStatus(input: {
	workshopId: string;
	userId: string;
}): Promise<'active' | 'waiting' | 'removed' | 'none'> {
	const [row] = await appContext()
		.db.select({ status: memberships.status, removed: memberships.removed })
		.from(memberships)
		.where(and(eq(memberships.workshopId, input.workshopId), eq(memberships.userId, input.userId)));
	if (!row) return 'none';
	return row.removed ? 'removed' : row.status;
}
