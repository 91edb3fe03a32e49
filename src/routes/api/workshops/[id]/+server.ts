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

/** Settings an archived workshop still accepts: how its record is read and how long it is kept. */
const ARCHIVE_SETTINGS: ReadonlySet<string> = new Set(['evaluatorsSeeNames', 'retentionMonths']);

/**
 * Changes title, date, purpose, categories, admission mode or retention (facilitators): 200 the
 * workshop. Once archived, only `evaluatorsSeeNames` (who reads the archive how) and
 * `retentionMonths` (how long its raw logs are kept) may change (409 `workshop_archived` else).
 */
export const PATCH: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, workshopSettingsInput);
	if (isFailure(input)) return failureResponse(input);
	const changesContent = Object.entries(input).some(
		([key, value]) => !ARCHIVE_SETTINGS.has(key) && value !== undefined
	);
	if (access.workshop.archived && changesContent) return failureResponse(archivedFailure());
	await updateWorkshop({ workshopId: access.workshop.id, actorId: access.userId, settings: input });
	return json(await getWorkshop(access.workshop.id));
};
