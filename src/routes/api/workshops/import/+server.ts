import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { readBody } from '$lib/server/body';
import { bodyLimits, failureResponse, isFailure, requireUser } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { fileTooLargeFailure } from '$lib/server/services/files';
import { importWorkshopRecord } from '$lib/server/services/workshop-record-import';
import { readWorkshopRecord } from '$lib/server/services/workshop-record-read';
import type { RequestHandler } from './$types';

/**
 * Imports a workshop record (as `GET /api/workshops/<id>/export.json` gives it) as a new,
 * archived workshop the caller facilitates (accounts only, like creating a workshop):
 * `201 { id, boardIds }`. 413 above `MAX_UPLOAD_BYTES`, 408 when the body stalls, 415 not JSON,
 * 400 `record_format` (another format or version), `invalid_json`, `json_too_deep` (beyond
 * `MAX_JSON_DEPTH`), `invalid_input` (with the path of the problem).
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	if (user.kind !== 'account') {
		return failureResponse(
			failure(403, 'account_required', 'Only facilitator accounts import workshop records')
		);
	}
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		return failureResponse(
			failure(415, 'unsupported_media_type', 'Send the workshop record as JSON (application/json)')
		);
	}
	const { config } = appContext();
	const tooLarge = fileTooLargeFailure(config.maxUploadBytes);
	const bytes = await readBody(request, bodyLimits(config.maxUploadBytes, tooLarge));
	if (isFailure(bytes)) return failureResponse(bytes);
	const read = readWorkshopRecord({
		bytes,
		maxObjects: config.maxObjectsPerBoard,
		maxDepth: config.maxJsonDepth
	});
	if (isFailure(read)) return failureResponse(read);
	const created = await importWorkshopRecord({ ownerId: user.id, read });
	return json(created, { status: 201 });
};
