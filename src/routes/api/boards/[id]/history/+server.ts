import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { historyAccess, historyIndex } from '$lib/server/services/history';
import type { RequestHandler } from './$types';

/**
 * The board's history index for the replay (facilitators; evaluators once archived): last and
 * first logged seq, snapshots `{ seq, at }` and workshop events `{ at, type }`. Times in ms.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const access = await historyAccess({ userId: user.id, boardId: params.id });
	if (isFailure(access)) return failureResponse(access);
	return json(await historyIndex(access));
};
