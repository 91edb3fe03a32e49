import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { listPeople } from '$lib/server/services/people';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/** Everyone in the workshop, waiting list included, online or not (facilitators). */
export const GET: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	return json({ people: await listPeople(access.workshop.id) });
};
