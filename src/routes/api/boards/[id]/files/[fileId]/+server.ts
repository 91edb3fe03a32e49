import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { readImage } from '$lib/server/services/files';
import type { RequestHandler } from './$types';

/** How long a browser may keep an image: files never change (a new upload gets a new id). */
const CACHE_SECONDS = 60 * 60 * 24 * 30;

/** Serves a board's image to the people who may see that board, with headers that stop sniffing. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const file = await readImage({ userId: user.id, boardId: params.id, fileId: params.fileId });
	if (isFailure(file)) return failureResponse(file);
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.byteLength),
			'x-content-type-options': 'nosniff',
			'content-disposition': 'inline',
			// Private: the image belongs to a board behind a sign-in, no shared cache may keep it.
			'cache-control': `private, max-age=${CACHE_SECONDS}, immutable`,
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
