import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, joinUrl, readJson, requireUser } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { createBoard, listBoards } from '$lib/server/services/boards';
import { createBoardInput } from '$lib/shared/validation';
import type { RequestHandler } from './$types';

/** The caller's boards. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const boards = await listBoards(user.id);
	return json({ boards });
};

/** Creates a board (facilitator accounts only): 201 `{ id, title, joinUrl }`. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event.locals);
	if (isFailure(user)) return failureResponse(user);
	if (user.kind !== 'account') {
		return failureResponse(
			failure(403, 'account_required', 'Only facilitator accounts create boards')
		);
	}
	const input = await readJson(event.request, createBoardInput);
	if (isFailure(input)) return failureResponse(input);
	const board = await createBoard({ ownerId: user.id, title: input.title });
	return json(
		{ id: board.id, title: board.title, joinUrl: joinUrl(event, board.joinCode) },
		{ status: 201 }
	);
};
