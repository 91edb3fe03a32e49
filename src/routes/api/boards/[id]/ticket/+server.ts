import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { boardAccess } from '$lib/server/services/boards';
import { failure } from '$lib/server/services/failure';
import { issueTicket } from '$lib/server/services/tickets';
import type { RequestHandler } from './$types';

/**
 * A short-lived `?ticket=` credential for a non-browser client on this board, ending with the
 * caller's session.
 */
export const POST: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user) || !locals.session)
		return failureResponse(failure(401, 'unauthenticated', 'Sign in first'));
	const access = await boardAccess({ userId: user.id, boardId: params.id });
	if (!access) return failureResponse(failure(404, 'board_unknown', 'No such board'));
	const { ticket, expiresAt } = await issueTicket({
		userId: user.id,
		boardId: access.boardId,
		sessionId: locals.session.id
	});
	return json({ ticket, expiresAt: expiresAt.toISOString() });
};
