import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { boards, invites, memberships, users, workshops } from '../db/schema.ts';
import {
	formatShortCode,
	hashToken,
	newId,
	newShortCode,
	newToken,
	normalizeShortCode
} from '../ids.ts';
import { seal, unseal } from '../seal.ts';
import { failure, isFailure, type Failure } from './failure.ts';

/** Options of a new invitation link (defaults: participant, the guest picks a category). */
export interface InviteOptions {
	role?: 'participant' | 'observer' | 'evaluator';
	/** A fixed category, or null to let the guest pick one of the workshop's. */
	category?: string | null;
	expiresAt?: Date | null;
	maxUses?: number | null;
	label?: string;
}

/**
 * Creates a join link to a board; returns its code and its short code (both stored hashed and
 * sealed): `/join/<code>` for links and QR codes, `/join/<short code>` to type from the room screen.
 */
export async function createInvite(
	input: { workshopId: string; boardId: string } & InviteOptions
): Promise<{ id: string; code: string; shortCode: string }> {
	const { db, sealKey } = appContext();
	const code = newToken();
	const shortCode = newShortCode();
	const id = newId();
	await db.insert(invites).values({
		id,
		workshopId: input.workshopId,
		boardId: input.boardId,
		codeHash: hashToken(code),
		codeSealed: seal(sealKey, code),
		shortCodeHash: hashToken(shortCode),
		shortCodeSealed: seal(sealKey, shortCode),
		role: input.role ?? 'participant',
		category: input.category ?? null,
		expiresAt: input.expiresAt ?? null,
		maxUses: input.maxUses ?? null,
		label: input.label ?? ''
	});
	return { id, code, shortCode };
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

/**
 * The short code of the board's newest live join link, formatted ("k7m2-q9xd"), or null when
 * every link was revoked or the newest one predates short codes.
 */
export async function currentShortCode(boardId: string): Promise<string | null> {
	const { db, sealKey } = appContext();
	const [row] = await db
		.select({ shortCodeSealed: invites.shortCodeSealed })
		.from(invites)
		.where(and(eq(invites.boardId, boardId), isNull(invites.revokedAt)))
		.orderBy(desc(invites.createdAt))
		.limit(1);
	const code = row?.shortCodeSealed ? unseal(sealKey, row.shortCodeSealed) : null;
	return code ? formatShortCode(code) : null;
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
	role: 'participant' | 'observer' | 'evaluator';
	category: string | null;
	/** The workshop's categories, one of which the guest picks when `category` is null. */
	categories: string[];
	/** `admit`: a new person waits until a facilitator admits them. */
	admission: 'open' | 'admit';
	purpose: string;
}

/**
 * `findInvite` for a request from `address`, which unknown codes lock out for a while once it has
 * missed too often (429 `join_code_rate`): the short codes are typeable, so they must not be
 * guessable by trying.
 */
export async function findInviteFrom(input: {
	code: string;
	address: string;
}): Promise<InvitePreview | Failure> {
	const { loginThrottle } = appContext();
	const waitMs = loginThrottle.joinCodeRetryAfterMs(input.address);
	if (waitMs > 0) {
		const seconds = Math.ceil(waitMs / 1000);
		return failure(429, 'join_code_rate', `Too many unknown join codes: try again in ${seconds} s`);
	}
	const invite = await findInvite(input.code);
	if (isFailure(invite) && invite.status === 404) loginThrottle.recordJoinCodeMiss(input.address);
	return invite;
}

/**
 * Looks a join code up (the link's code, or its short code as typed: case, spaces and hyphens
 * ignored); a failure when unknown, revoked or expired.
 */
export async function findInvite(code: string): Promise<InvitePreview | Failure> {
	const { db } = appContext();
	const short = normalizeShortCode(code);
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
			maxUses: invites.maxUses,
			uses: invites.uses,
			status: workshops.status,
			categories: workshops.categories,
			admission: workshops.admission,
			purpose: workshops.purpose
		})
		.from(invites)
		.innerJoin(boards, eq(boards.id, invites.boardId))
		.innerJoin(workshops, eq(workshops.id, invites.workshopId))
		.where(
			short === null
				? eq(invites.codeHash, hashToken(code))
				: or(eq(invites.codeHash, hashToken(code)), eq(invites.shortCodeHash, hashToken(short)))
		);
	if (!row || !row.boardId) return failure(404, 'invite_unknown', 'This join link does not exist');
	if (row.revokedAt) return failure(410, 'invite_revoked', 'This join link has been revoked');
	if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
		return failure(410, 'invite_expired', 'This join link has expired');
	}
	if (row.maxUses !== null && row.uses >= row.maxUses) {
		return failure(410, 'invite_used_up', 'This join link has been used as many times as allowed');
	}
	// An archived workshop lets only evaluators in: that is how they get its archive.
	if (row.status === 'archived' && row.role !== 'evaluator') {
		return failure(410, 'workshop_archived', 'This workshop is archived');
	}
	return {
		inviteId: row.inviteId,
		workshopId: row.workshopId,
		boardId: row.boardId,
		boardTitle: row.boardTitle,
		role: row.role,
		category: row.category,
		categories: row.categories,
		admission: row.admission,
		purpose: row.purpose
	};
}

/** The result of joining: where to go, and whether a new guest must be signed in. */
export interface Joined {
	boardId: string;
	workshopId: string;
	/** The new guest user to sign in, or null when the caller stays signed in as they are. */
	newGuestId: string | null;
	/** True when the person waits for a facilitator to admit them ("admit" workshops). */
	waiting: boolean;
}

async function currentMember(workshopId: string, userId: string) {
	const [row] = await appContext()
		.db.select({ removed: memberships.removed, status: memberships.status, kind: users.kind })
		.from(users)
		.leftJoin(
			memberships,
			and(eq(memberships.userId, users.id), eq(memberships.workshopId, workshopId))
		)
		.where(eq(users.id, userId));
	return row ?? null;
}

/**
 * Admits a person through a join link. `userId` is the caller's current user, if any: a member of
 * the workshop keeps their membership and category (a guest's display name is updated; a category
 * changes only by a facilitator's logged act, `people.ts`, since it drives the figures); a removed member
 * is refused; an account that is not a member joins with the link's role. Otherwise a guest user
 * is created. Each new member takes one use of the link (refused once `maxUses` is reached) and,
 * in an "admit" workshop, waits on the waiting list.
 */
export async function joinWithInvite(input: {
	invite: InvitePreview;
	userId: string | null;
	name: string;
	category: string;
}): Promise<Joined | Failure> {
	const { db } = appContext();
	const { invite } = input;
	const category = invite.category ?? input.category;
	if (!invite.category && !invite.categories.includes(category)) {
		return failure(400, 'category_invalid', "Pick one of the workshop's categories");
	}
	const name = input.name.trim();
	const found = input.userId ? await currentMember(invite.workshopId, input.userId) : null;
	const base = { boardId: invite.boardId, workshopId: invite.workshopId, newGuestId: null };
	if (found?.removed) return failure(403, 'removed', 'You were removed from this workshop');
	if (input.userId && found?.status) {
		if (found.kind === 'guest') await renameGuest(input.userId, name);
		return { ...base, waiting: found.status === 'waiting' };
	}
	const accountId = input.userId && found?.kind === 'account' ? input.userId : null;
	const userId = accountId ?? newId();
	const status = invite.admission === 'admit' ? 'waiting' : 'active';
	const admitted = await db.transaction(async (tx) => {
		const claimed = await tx
			.update(invites)
			.set({ uses: sql`${invites.uses} + 1` })
			.where(
				and(
					eq(invites.id, invite.inviteId),
					or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses))
				)
			)
			.returning({ id: invites.id });
		if (claimed.length === 0) return false;
		if (!accountId) await tx.insert(users).values({ id: userId, kind: 'guest', name });
		await tx.insert(memberships).values({
			workshopId: invite.workshopId,
			userId,
			role: invite.role,
			category,
			status,
			inviteId: invite.inviteId
		});
		return true;
	});
	if (!admitted) {
		return failure(410, 'invite_used_up', 'This join link has been used as many times as allowed');
	}
	return { ...base, newGuestId: accountId ? null : userId, waiting: status === 'waiting' };
}

/** A returning guest's new display name (their category stays: see `joinWithInvite`). */
async function renameGuest(userId: string, name: string) {
	await appContext().db.update(users).set({ name }).where(eq(users.id, userId));
}
