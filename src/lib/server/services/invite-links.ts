import { and, desc, eq, isNull } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { invites, type Invite } from '../db/schema.ts';
import { recordEvent } from './workshop-events.ts';
import { unseal } from '../seal.ts';
import { failure, type Failure } from './failure.ts';

/** An invitation link as the facilitator manages it. */
export interface InviteLink {
	id: string;
	/** The secret code (the link is `/join/<code>`). */
	code: string;
	boardId: string | null;
	role: 'participant' | 'observer' | 'evaluator';
	/** Fixed category, or null when the guest picks one. */
	category: string | null;
	label: string;
	/** ISO date-time or null. */
	expiresAt: string | null;
	maxUses: number | null;
	uses: number;
	/** `live`, or why it no longer lets anyone in. */
	state: 'live' | 'revoked' | 'expired' | 'used_up';
	createdAt: string;
}

/** Every invitation link of a workshop, newest first, revoked ones included. */
export async function listInvites(workshopId: string): Promise<InviteLink[]> {
	const { db, sealKey } = appContext();
	const rows = await db
		.select()
		.from(invites)
		.where(eq(invites.workshopId, workshopId))
		.orderBy(desc(invites.createdAt), desc(invites.id));
	const links: InviteLink[] = [];
	for (const row of rows) {
		// A link sealed with another key (SECRET changed) cannot be shown again: leave it out.
		const code = unseal(sealKey, row.codeSealed);
		if (code === null) continue;
		links.push({
			id: row.id,
			code,
			boardId: row.boardId,
			role: row.role,
			category: row.category,
			label: row.label,
			expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
			maxUses: row.maxUses,
			uses: row.uses,
			state: stateOf(row),
			createdAt: row.createdAt.toISOString()
		});
	}
	return links;
}

function stateOf(row: Invite): InviteLink['state'] {
	if (row.revokedAt) return 'revoked';
	if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return 'expired';
	if (row.maxUses !== null && row.uses >= row.maxUses) return 'used_up';
	return 'live';
}

/** One invitation link of a workshop, or null. */
export async function findInviteLink(input: {
	workshopId: string;
	inviteId: string;
}): Promise<InviteLink | null> {
	const all = await listInvites(input.workshopId);
	return all.find((invite) => invite.id === input.inviteId) ?? null;
}

/** Revokes one link of a workshop: nobody new joins through it (people already in stay). */
export async function revokeInvite(input: {
	workshopId: string;
	inviteId: string;
	actorId: string;
}): Promise<Failure | null> {
	const { db } = appContext();
	const revoked = await db
		.update(invites)
		.set({ revokedAt: new Date() })
		.where(
			and(
				eq(invites.id, input.inviteId),
				eq(invites.workshopId, input.workshopId),
				isNull(invites.revokedAt)
			)
		)
		.returning({ id: invites.id });
	if (revoked.length === 0) {
		const exists = await findInviteLink(input);
		if (!exists) return failure(404, 'invite_unknown', 'This join link does not exist');
		return null;
	}
	await recordEvent({
		workshopId: input.workshopId,
		actorId: input.actorId,
		type: 'invite-revoked',
		payload: { inviteId: input.inviteId }
	});
	return null;
}
