import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { getWorkshop, updateWorkshop } from '$lib/server/services/workshops';
import { archivedFailure } from '$lib/server/services/archive';
import { facilitatorOfRoute, memberOfRoute } from '$lib/server/workshop-guard';
import { workshopSettingsInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** The workshop, with the caller's role and category (members only). */
export const GET: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	return json({ ...access.workshop, role: access.role, category: access.category });
};

/**
 * Changes title, date, purpose, categories or admission mode (facilitators): 200 the workshop.
 * Once archived, only `evaluatorsSeeNames` may change: it decides who reads the archive how,
 * and the archive exists for evaluators (409 `workshop_archived` for anything else).
 */
export const PATCH: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, workshopSettingsInput);
	if (isFailure(input)) return failureResponse(input);
	const changesContent = Object.entries(input).some(
		([key, value]) => key !== 'evaluatorsSeeNames' && value !== undefined
	);
	if (access.workshop.archived && changesContent) return failureResponse(archivedFailure());
	await updateWorkshop({ workshopId: access.workshop.id, actorId: access.userId, settings: input });
	return json(await getWorkshop(access.workshop.id));
};
