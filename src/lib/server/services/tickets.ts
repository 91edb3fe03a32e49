import { and, eq, gt } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { sessions, tickets } from '../db/schema.ts';
import { hashToken, newToken } from '../ids.ts';

/**
 * Websocket tickets: short-lived credentials for clients that cannot send the session cookie. A
 * ticket is bound to the session that asked for it (`<random>.<session id>`; the database stores
 * the SHA-256 of the whole string, so the session part cannot be swapped): it opens nothing once
 * that session has ended, by sign-out, sign-out everywhere or expiry.
 */

/** Separates a ticket's random part from the id of its session (not in the base64url alphabet). */
const SESSION_SEPARATOR = '.';

/**
 * Issues a websocket credential for `userId` on `boardId`, valid while session `sessionId` lives.
 * It may be reused (reconnects) until it expires.
 */
export async function issueTicket(input: {
	userId: string;
	boardId: string;
	sessionId: string;
}): Promise<{ ticket: string; expiresAt: Date }> {
	const { db, config } = appContext();
	const ticket = `${newToken()}${SESSION_SEPARATOR}${input.sessionId}`;
	const expiresAt = new Date(Date.now() + config.ticketTtlMs);
	await db
		.insert(tickets)
		.values({ id: hashToken(ticket), userId: input.userId, boardId: input.boardId, expiresAt });
	return { ticket, expiresAt };
}

/**
 * The user a live ticket stands for on `boardId`, with the session it belongs to, or null when
 * the ticket is unknown, expired, for another board, or its session has ended.
 */
export async function redeemTicket(input: {
	ticket: string;
	boardId: string;
}): Promise<{ userId: string; sessionId: string } | null> {
	const { db, config } = appContext();
	const sessionId = input.ticket.split(SESSION_SEPARATOR)[1];
	if (!sessionId) return null;
	const now = new Date();
	const [row] = await db
		.select({ userId: tickets.userId, sessionCreatedAt: sessions.createdAt })
		.from(tickets)
		.innerJoin(sessions, and(eq(sessions.id, sessionId), eq(sessions.userId, tickets.userId)))
		.where(
			and(
				eq(tickets.id, hashToken(input.ticket)),
				eq(tickets.boardId, input.boardId),
				gt(tickets.expiresAt, now),
				gt(sessions.expiresAt, now)
			)
		);
	if (!row) return null;
	// Past its absolute lifetime the session is over even before anyone deletes it.
	if (now.getTime() >= row.sessionCreatedAt.getTime() + config.sessionMaxMs) return null;
	return { userId: row.userId, sessionId };
}
