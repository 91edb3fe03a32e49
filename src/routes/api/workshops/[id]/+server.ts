import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { getWorkshop, updateWorkshop } from '$lib/server/services/workshops';
import { activeFacilitatorOfRoute, memberOfRoute } from '$lib/server/workshop-guard';
import { workshopSettingsInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** The workshop, with the caller's role and category (members only). */
export const GET: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	return json({ ...access.workshop, role: access.role, category: access.category });
};

/** Changes title, date, purpose, categories or admission mode (facilitators): 200 the workshop. */
export const PATCH: RequestHandler = async (event) => {
	const access = await activeFacilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, workshopSettingsInput);
	if (isFailure(input)) return failureResponse(input);
	await updateWorkshop({ workshopId: access.workshop.id, actorId: access.userId, settings: input });
	return json(await getWorkshop(access.workshop.id));
};
