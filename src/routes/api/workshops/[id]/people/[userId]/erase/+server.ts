import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { erasePerson } from '$lib/server/services/erasure';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/**
 * RGPD erasure of a participant's personal data in this workshop (facilitators, archived
 * workshops included): 200 `{ ok: true, personDeleted }`. See `services/erasure.ts`.
 */
export const POST: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const erased = await erasePerson({
		workshopId: access.workshop.id,
		actorId: access.userId,
		userId: event.params.userId
	});
	return isFailure(erased) ? failureResponse(erased) : json({ ok: true, ...erased });
};
