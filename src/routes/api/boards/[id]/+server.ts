import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { boardAccess } from '$lib/server/services/boards';
import { failure } from '$lib/server/services/failure';
import type { RequestHandler } from './$types';

/** One board with the caller's role and category on it, and its workshop's id. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const access = await boardAccess({ userId: user.id, boardId: params.id });
	if (!access) return failureResponse(failure(404, 'board_unknown', 'No such board'));
	return json({
		id: access.boardId,
		title: access.title,
		role: access.role,
		category: access.category,
		archived: access.archived,
		workshopId: access.workshopId
	});
};
