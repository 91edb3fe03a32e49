import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { readLimited, storeImage } from '$lib/server/services/files';
import type { RequestHandler } from './$types';

/**
 * Uploads an image to a board: the raw bytes as the body. The type is judged from the bytes (PNG,
 * JPEG, GIF, WebP), the size against `MAX_UPLOAD_BYTES`; answers `201 { id, contentType, size }`.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const bytes = await readLimited(request, appContext().config.maxUploadBytes);
	if (isFailure(bytes)) return failureResponse(bytes);
	const stored = await storeImage({ userId: user.id, boardId: params.id, bytes });
	if (isFailure(stored)) return failureResponse(stored);
	return json(stored, { status: 201 });
};
