import { json } from '@sveltejs/kit';
import { declaredLength, readBody } from '$lib/server/body';
import { bodyLimits, failureResponse, isFailure, requireUser } from '$lib/server/http';
import { prepareUpload, storeImage } from '$lib/server/services/files';
import type { RequestHandler } from './$types';

/**
 * Uploads an image to a board: the raw bytes as the body. Who may write on the board and what the
 * workshop may still hold are checked before a byte of the body is read. The type is judged from
 * the bytes (PNG, JPEG, GIF, WebP), the size against `MAX_UPLOAD_BYTES` (413 `file_too_large`) and
 * `MAX_UPLOAD_BYTES_PER_WORKSHOP` (413 `workshop_quota_exceeded`), a stalled body gets 408
 * `body_timeout`; answers `201 { id, contentType, size }`.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const upload = await prepareUpload({
		userId: user.id,
		boardId: params.id,
		declaredBytes: declaredLength(request)
	});
	if (isFailure(upload)) return failureResponse(upload);
	const bytes = await readBody(request, bodyLimits(upload.maxBytes, upload.tooLarge));
	if (isFailure(bytes)) return failureResponse(bytes);
	const stored = await storeImage({ userId: user.id, boardId: params.id, bytes });
	if (isFailure(stored)) return failureResponse(stored);
	return json(stored, { status: 201 });
};
