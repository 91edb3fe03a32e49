import { json } from '@sveltejs/kit';
import * as z from 'zod';
import { failureResponse, isFailure, readJson, requireUser } from '$lib/server/http';
import { copyImage, fileWriteRefusal } from '$lib/server/services/files';
import type { RequestHandler } from './$types';

const copyInput = z.strictObject({
	fromBoardId: z.string().min(1).max(64),
	fileId: z.string().min(1).max(64)
});

/**
 * Copies an image of another board the caller can read into this board, where they may write
 * (pasting between boards): answers `201 { id, contentType, size }` with the copy's id.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const refused = await fileWriteRefusal({ userId: user.id, boardId: params.id });
	if (refused) return failureResponse(refused);
	const input = await readJson(request, copyInput);
	if (isFailure(input)) return failureResponse(input);
	const copied = await copyImage({ userId: user.id, boardId: params.id, ...input });
	if (isFailure(copied)) return failureResponse(copied);
	return json(copied, { status: 201 });
};
