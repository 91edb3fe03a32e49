import type { IncomingHttpHeaders } from 'node:http';
import { eq } from 'drizzle-orm';
import { sessionTokenFromCookieHeader, validateSessionToken } from '../../src/lib/server/auth.ts';
import type { Config } from '../../src/lib/server/config.ts';
import { appContext } from '../../src/lib/server/context.ts';
import { users } from '../../src/lib/server/db/schema.ts';
import { personIdOf } from '../../src/lib/server/ids.ts';
import { boardAccess, boardExists } from '../../src/lib/server/services/boards.ts';
import {
	anonymousNameFor,
	pseudonymFor,
	seesPseudonyms
} from '../../src/lib/server/services/pseudonyms.ts';
import { redeemTicket } from '../../src/lib/server/services/tickets.ts';
import { colorForUser } from '../../src/lib/shared/colors.ts';
import { canWrite, type Role } from '../../src/lib/shared/roles.ts';

/**
 * Who may open what, shared by the Yjs endpoint and socket.io: the `Origin` check, authentication
 * (session cookie or ticket) and the per-board identity decided by the server alone.
 */

/** A person on one board, as the server knows them. Nothing here comes from the client. */
export interface BoardIdentity {
	userId: string;
	name: string;
	boardId: string;
	workshopId: string;
	role: Role;
	/** Who they speak as (usager, agent, …), or null (e.g. a facilitator). */
	category: string | null;
	/** True when their document edits are applied: a writing role on a workshop not archived. */
	writable: boolean;
	/** `#rrggbb`, stable per user. */
	color: string;
	/** Opaque per-board id of the person (16 hex characters), safe to show to others. */
	personId: string;
	/** The name shown to viewers who see pseudonyms (`services/pseudonyms.ts`). */
	pseudonym: string;
	/** True when this person must see others by pseudonym (an evaluator, by default). */
	seesPseudonyms: boolean;
	/** The session this connection was opened with (sign-out of that session closes it). */
	sessionId: string;
}

/**
 * Which of a person's connections (Yjs and socket.io) to close: all of them, those on the boards of
 * one workshop, or those opened with one session (its sign-out).
 */
export interface UserSockets {
	workshopId?: string;
	userId: string;
	sessionId?: string;
}

/** An authenticated caller. */
export interface Caller {
	userId: string;
	name: string;
	/** How they proved it: a session cookie, or a ticket (valid on one board only). */
	via: 'session' | 'ticket';
	/** The session behind the cookie or the ticket: its sign-out closes this connection. */
	sessionId: string;
}

/**
 * True when the request may come from this page: no `Origin` header (non-browser clients, which
 * still need credentials), or an `Origin` equal to `config.origin`, or, when that is not set, to
 * the request's own host over http or https.
 */
export function originAllowed(headers: IncomingHttpHeaders, config: Config): boolean {
	const origin = headers.origin;
	if (origin === undefined) return true;
	if (config.origin) return origin === config.origin;
	const host = headers.host;
	if (!host) return false;
	return origin === `http://${host}` || origin === `https://${host}`;
}

async function userName(userId: string): Promise<string | null> {
	const [row] = await appContext()
		.db.select({ name: users.name })
		.from(users)
		.where(eq(users.id, userId));
	return row?.name ?? null;
}

/**
 * The caller behind a session cookie, else behind a ticket (valid only for `ticketBoardId`), else
 * null.
 */
export async function authenticate(input: {
	cookieHeader: string | undefined;
	ticket: string | null;
	ticketBoardId: string | null;
}): Promise<Caller | null> {
	const token = sessionTokenFromCookieHeader(input.cookieHeader);
	if (token) {
		const { session, user } = await validateSessionToken(token);
		if (session) return { userId: user.id, name: user.name, via: 'session', sessionId: session.id };
	}
	if (!input.ticket || !input.ticketBoardId) return null;
	const redeemed = await redeemTicket({ ticket: input.ticket, boardId: input.ticketBoardId });
	if (!redeemed) return null;
	const name = await userName(redeemed.userId);
	if (name === null) return null;
	return { userId: redeemed.userId, name, via: 'ticket', sessionId: redeemed.sessionId };
}

/** Why a caller may not open a board: no such board, or not (or no longer) a member. */
export type Refusal = 'not_found' | 'forbidden';

/**
 * The name others see: in an anonymous workshop a participant or observer shows only their
 * category (facilitators keep their name).
 */
function shownName(input: {
	name: string;
	anonymous: boolean;
	role: Role;
	category: string | null;
}) {
	if (!input.anonymous || input.role === 'facilitator') return input.name;
	// A word, never a key: "Usager", "Élu·e", or "Anonyme" without category.
	return anonymousNameFor({ category: input.category });
}

/**
 * The name of `subject` as `viewer` may see it: their pseudonym when the viewer sees pseudonyms
 * (facilitators keep their names, as in anonymous mode), their shown name otherwise.
 */
export function nameSeenBy(
	subject: Pick<BoardIdentity, 'name' | 'pseudonym' | 'role'>,
	viewer: Pick<BoardIdentity, 'seesPseudonyms'> | undefined
): string {
	if (!viewer?.seesPseudonyms || subject.role === 'facilitator') return subject.name;
	return subject.pseudonym;
}

/**
 * The name `userId` shows on `boardId` now, read again from the database (after the workshop's
 * anonymous mode changed), or null when they no longer may open it.
 */
export async function currentShownName(input: {
	userId: string;
	boardId: string;
}): Promise<string | null> {
	const [access, name] = await Promise.all([boardAccess(input), userName(input.userId)]);
	if (!access || name === null) return null;
	return shownName({ ...access, name });
}

/**
 * `currentShownName` for the people of one change, each person and board looked up once (a person
 * may have several tabs and a Yjs and a socket.io connection on one board).
 */
export function shownNameLookup(): (
	identity: Pick<BoardIdentity, 'userId' | 'boardId'>
) => Promise<string | null> {
	const found = new Map<string, Promise<string | null>>();
	return ({ userId, boardId }) => {
		const key = `${userId} ${boardId}`;
		let name = found.get(key);
		if (!name) found.set(key, (name = currentShownName({ userId, boardId })));
		return name;
	};
}

/** The caller's identity on `boardId`, or why they may not open it. */
export async function identityOn(
	caller: Pick<Caller, 'userId' | 'name' | 'sessionId'>,
	boardId: string
): Promise<BoardIdentity | Refusal> {
	const access = await boardAccess({ userId: caller.userId, boardId });
	if (!access) return (await boardExists(boardId)) ? 'forbidden' : 'not_found';
	return {
		userId: caller.userId,
		name: shownName({ ...access, name: caller.name }),
		boardId: access.boardId,
		workshopId: access.workshopId,
		role: access.role,
		category: access.category,
		writable: canWrite(access.role) && !access.archived,
		color: colorForUser(caller.userId),
		personId: personIdOf(access.boardId, caller.userId),
		pseudonym: pseudonymFor({
			workshopId: access.workshopId,
			userId: caller.userId,
			category: access.category
		}),
		seesPseudonyms: seesPseudonyms(access),
		sessionId: caller.sessionId
	};
}
