import { json } from '@sveltejs/kit';
import * as z from 'zod';
import { failureResponse, isFailure, readJson, requireUser } from '$lib/server/http';
import { restoreDeletion } from '$lib/server/services/restore';
import type { RequestHandler } from './$types';

const restoreInput = z.object({ seq: z.number().int().positive() });

/**
 * Puts back the objects that the logged update `seq` deleted (facilitators of an active workshop):
 * 200 `{ restored }`, the number of objects back on the board; 409 `nothing_deleted` when that
 * update deleted none.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const input = await readJson(request, restoreInput);
	if (isFailure(input)) return failureResponse(input);
	const restored = await restoreDeletion({ userId: user.id, boardId: params.id, seq: input.seq });
	if (isFailure(restored)) return failureResponse(restored);
	return json(restored);
};
