import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { admitPerson } from '$lib/server/services/people';
import { activeFacilitatorOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/** Admits someone from the waiting list (facilitators): 200 `{ ok: true }`. */
export const POST: RequestHandler = async (event) => {
	const access = await activeFacilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const refused = await admitPerson({
		workshopId: access.workshop.id,
		actorId: access.userId,
		userId: event.params.userId
	});
	return refused ? failureResponse(refused) : json({ ok: true });
};
