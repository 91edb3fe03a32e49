import { json } from '@sveltejs/kit';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth';
import type { RequestHandler } from './$types';

/** Ends the caller's session and clears the cookie. */
export const POST: RequestHandler = async (event) => {
	if (event.locals.session) await invalidateSession(event.locals.session.id);
	deleteSessionTokenCookie(event);
	return json({ ok: true });
};
