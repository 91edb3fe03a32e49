import { json } from '@sveltejs/kit';
import { deleteSessionTokenCookie, invalidateUserSessions } from '$lib/server/auth';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Sign-out everywhere: ends every session and ticket of the caller, on every device, closes their
 * live connections and clears this browser's cookie. 401 when not signed in.
 */
export const POST: RequestHandler = async (event) => {
	const { user } = event.locals;
	if (!user) return errorResponse(401, 'unauthenticated', 'Not signed in');
	await invalidateUserSessions(user.id);
	deleteSessionTokenCookie(event);
	return json({ ok: true });
};
