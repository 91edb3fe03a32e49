import { and, desc, eq, isNull } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { boards, invites, memberships, users, workshops } from '../db/schema.ts';
import { hashToken, newId, newToken } from '../ids.ts';
import { seal, unseal } from '../seal.ts';
import { failure, type Failure } from './failure.ts';

/** Creates a participant join link for a board; returns its code (shown once, stored hashed). */
export async function createInvite(input: {
	workshopId: string;
	boardId: string;
}): Promise<{ id: string; code: string }> {
	const { db, sealKey } = appContext();
	const code = newToken();
	const id = newId();
	await db.insert(invites).values({
		id,
		workshopId: input.workshopId,
		boardId: input.boardId,
		codeHash: hashToken(code),
		codeSealed: seal(sealKey, code),
		role: 'participant',
		category: null
	});
	return { id, code };
}

/** The code of the board's newest live join link, or null when every link was revoked. */
export async function currentInviteCode(boardId: string): Promise<string | null> {
	const { db, sealKey } = appContext();
	const [row] = await db
		.select({ codeSealed: invites.codeSealed })
		.from(invites)
		.where(and(eq(invites.boardId, boardId), isNull(invites.revokedAt)))
		.orderBy(desc(invites.createdAt))
		.limit(1);
	return row ? unseal(sealKey, row.codeSealed) : null;
}

/** Revokes every live join link of a board. People already in stay in. */
export async function revokeInvites(boardId: string): Promise<void> {
	await appContext()
		.db.update(invites)
		.set({ revokedAt: new Date() })
		.where(and(eq(invites.boardId, boardId), isNull(invites.revokedAt)));
}

/** A join link as a guest sees it before joining. */
export interface InvitePreview {
	inviteId: string;
	workshopId: string;
	boardId: string;
	boardTitle: string;
	role: 'participant' | 'observer';
	category: string | null;
}

/** Looks a join code up; a failure when unknown, revoked or expired. */
export async function findInvite(code: string): Promise<InvitePreview | Failure> {
	const { db } = appContext();
	const [row] = await db
		.select({
			inviteId: invites.id,
			workshopId: invites.workshopId,
			boardId: invites.boardId,
			boardTitle: boards.title,
			role: invites.role,
			category: invites.category,
			revokedAt: invites.revokedAt,
			expiresAt: invites.expiresAt,
			status: workshops.status
		})
		.from(invites)
		.innerJoin(boards, eq(boards.id, invites.boardId))
		.innerJoin(workshops, eq(workshops.id, invites.workshopId))
		.where(eq(invites.codeHash, hashToken(code)));
	if (!row || !row.boardId) return failure(404, 'invite_unknown', 'This join link does not exist');
	if (row.revokedAt) return failure(410, 'invite_revoked', 'This join link has been revoked');
	if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
		return failure(410, 'invite_expired', 'This join link has expired');
	}
	if (row.status === 'archived') {
		return failure(410, 'workshop_archived', 'This workshop is archived');
	}
	return {
		inviteId: row.inviteId,
		workshopId: row.workshopId,
		boardId: row.boardId,
		boardTitle: row.boardTitle,
		role: row.role,
		category: row.category
	};
}

/**
 * Admits a person through a join link. `userId` is the caller's current user, if any: a member of
 * the workshop keeps their membership (a guest's name and category are updated); an account that is
 * not a member joins with the link's role. Otherwise a guest user is created. Returns the user to
 * sign in (null when the current user stays signed in).
 */
export async function joinWithInvite(input: {
	invite: InvitePreview;
	userId: string | null;
	name: string;
	category: string;
}): Promise<{ boardId: string; newGuestId: string | null } | Failure> {
	const { db } = appContext();
	const { invite } = input;
	const category = invite.category ?? input.category;
	const name = input.name.trim();
	if (input.userId) {
		const userId = input.userId;
		const [member] = await db
			.select({ removed: memberships.removed })
			.from(memberships)
			.where(and(eq(memberships.workshopId, invite.workshopId), eq(memberships.userId, userId)));
		if (member?.removed) {
			return failure(403, 'removed', 'You were removed from this workshop');
		}
		const [user] = await db.select({ kind: users.kind }).from(users).where(eq(users.id, userId));
		if (member && user?.kind === 'guest') {
			await db.transaction(async (tx) => {
				await tx.update(users).set({ name }).where(eq(users.id, userId));
				await tx
					.update(memberships)
					.set({ category })
					.where(
						and(eq(memberships.workshopId, invite.workshopId), eq(memberships.userId, userId))
					);
			});
		}
		if (member) return { boardId: invite.boardId, newGuestId: null };
		if (user?.kind === 'account') {
			await db
				.insert(memberships)
				.values({ workshopId: invite.workshopId, userId, role: invite.role, category });
			return { boardId: invite.boardId, newGuestId: null };
		}
	}
	const guestId = newId();
	await db.transaction(async (tx) => {
		await tx.insert(users).values({ id: guestId, kind: 'guest', name });
		await tx
			.insert(memberships)
			.values({ workshopId: invite.workshopId, userId: guestId, role: invite.role, category });
	});
	return { boardId: invite.boardId, newGuestId: guestId };
}
