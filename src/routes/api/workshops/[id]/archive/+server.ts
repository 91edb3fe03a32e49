import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { archiveWorkshop } from '$lib/server/services/archive';
import { activeFacilitatorOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/**
 * Archives the workshop (facilitators): its boards become read-only for everyone, a final
 * snapshot of each is written, evaluators may replay it. 200 `{ archivedAt }`; 409
 * `workshop_archived` when it already is.
 */
export const POST: RequestHandler = async (event) => {
	const access = await activeFacilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const archived = await archiveWorkshop({
		workshopId: access.workshop.id,
		actorId: access.userId
	});
	if (isFailure(archived)) return failureResponse(archived);
	return json(archived);
};
