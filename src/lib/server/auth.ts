import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { appContext } from './context.ts';
import { sessions, tickets, users, type Session, type User } from './db/schema.ts';
import { hashToken, newToken } from './ids.ts';

/** Name of the cookie that carries the session token. */
export const SESSION_COOKIE = 'croisee-session';

const RENEW_WHEN_LEFT_MS = 15 * 24 * 60 * 60 * 1000;

/** The public part of a user that pages and sockets may see. */
export type SessionUser = Pick<User, 'id' | 'kind' | 'name' | 'email'>;
export type SessionValidationResult =
	{ session: Session; user: SessionUser } | { session: null; user: null };

/** A new random session token (144 bits). Only its hash is stored. */
export function generateSessionToken(): string {
	return newToken();
}

/**
 * When a session created at `createdAt` should expire if used now: `SESSION_TTL_DAYS` from now,
 * but never beyond `SESSION_MAX_DAYS` after sign-in.
 */
export function sessionExpiry(createdAt: Date, now: number = Date.now()): Date {
	const { config } = appContext();
	return new Date(Math.min(now + config.sessionTtlMs, createdAt.getTime() + config.sessionMaxMs));
}

/** Stores a session for `userId` under the hash of `token`. */
export async function createSession(token: string, userId: string): Promise<Session> {
	const { db } = appContext();
	const createdAt = new Date();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: sessionExpiry(createdAt),
		createdAt
	};
	await db.insert(sessions).values(session);
	return session;
}

/**
 * Finds the session of `token`; deletes it when idle for `SESSION_TTL_DAYS` or older than
 * `SESSION_MAX_DAYS`, and extends it (within that absolute limit) when half-used.
 */
export async function validateSessionToken(token: string): Promise<SessionValidationResult> {
	const { db, config } = appContext();
	const sessionId = hashToken(token);
	const [row] = await db
		.select({
			session: sessions,
			user: { id: users.id, kind: users.kind, name: users.name, email: users.email }
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId));
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	const now = Date.now();
	const absoluteEnd = session.createdAt.getTime() + config.sessionMaxMs;
	if (now >= session.expiresAt.getTime() || now >= absoluteEnd) {
		await db.delete(sessions).where(eq(sessions.id, session.id));
		return { session: null, user: null };
	}
	const renewed = sessionExpiry(session.createdAt, now);
	const halfUsed =
		session.expiresAt.getTime() - now < Math.min(RENEW_WHEN_LEFT_MS, config.sessionTtlMs / 2);
	if (halfUsed && renewed.getTime() > session.expiresAt.getTime()) {
		session.expiresAt = renewed;
		await db
			.update(sessions)
			.set({ expiresAt: session.expiresAt })
			.where(eq(sessions.id, session.id));
	}
	return { session, user };
}

/**
 * Ends one session (sign-out, or a new sign-in in the same browser): its websocket tickets stop
 * opening sockets (they are bound to it, `services/tickets.ts`) and the Yjs and socket.io
 * connections opened with it are closed. The person's other sessions are untouched.
 */
export async function invalidateSession(sessionId: string): Promise<void> {
	const { db, realtime } = appContext();
	const [ended] = await db
		.delete(sessions)
		.where(eq(sessions.id, sessionId))
		.returning({ userId: sessions.userId });
	if (ended) realtime?.sessionEnded({ userId: ended.userId, sessionId });
}

/**
 * Sign-out everywhere: ends every session and websocket ticket of a user, and closes their live
 * connections (Yjs and socket.io) so that nothing opened with them stays open.
 */
export async function invalidateUserSessions(userId: string): Promise<void> {
	const { db, realtime } = appContext();
	await db.transaction(async (tx) => {
		await tx.delete(sessions).where(eq(sessions.userId, userId));
		await tx.delete(tickets).where(eq(tickets.userId, userId));
	});
	realtime?.signedOutEverywhere(userId);
}

/** Sets the HttpOnly, SameSite=Lax session cookie (Secure when served over HTTPS). */
export function setSessionTokenCookie(
	event: { cookies: Cookies; url: URL },
	token: string,
	expiresAt: Date
): void {
	event.cookies.set(SESSION_COOKIE, token, {
		expires: expiresAt,
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
}

/** Clears the session cookie. */
export function deleteSessionTokenCookie(event: { cookies: Cookies }): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** Reads the cookie `name` out of a raw `Cookie` header (websocket upgrades, socket.io). */
export function cookieFromHeader(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim()) || null;
			} catch {
				return null; // a malformed escape is no value
			}
		}
	}
	return null;
}

/** Reads the session token out of a raw `Cookie` header (for websocket upgrades). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
	return cookieFromHeader(header, SESSION_COOKIE);
}
