import { and, eq, gt } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { tickets } from '../db/schema.ts';
import { hashToken, newToken } from '../ids.ts';

/**
 * Issues a short-lived websocket credential for `userId` on `boardId`, for clients that cannot send
 * the session cookie. It may be reused (reconnects) until it expires.
 */
export async function issueTicket(input: {
	userId: string;
	boardId: string;
}): Promise<{ ticket: string; expiresAt: Date }> {
	const { db, config } = appContext();
	const ticket = newToken();
	const expiresAt = new Date(Date.now() + config.ticketTtlMs);
	await db
		.insert(tickets)
		.values({ id: hashToken(ticket), userId: input.userId, boardId: input.boardId, expiresAt });
	return { ticket, expiresAt };
}

/** The user a live ticket stands for on `boardId`, or null. */
export async function redeemTicket(input: {
	ticket: string;
	boardId: string;
}): Promise<{ userId: string } | null> {
	const [row] = await appContext()
		.db.select({ userId: tickets.userId })
		.from(tickets)
		.where(
			and(
				eq(tickets.id, hashToken(input.ticket)),
				eq(tickets.boardId, input.boardId),
				gt(tickets.expiresAt, new Date())
			)
		);
	return row ?? null;
}
