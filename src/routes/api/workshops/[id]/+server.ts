import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { getWorkshop, updateWorkshop } from '$lib/server/services/workshops';
import { archivedFailure } from '$lib/server/services/archive';
import { assignProgramme } from '$lib/server/services/programmes';
import { facilitatorOfRoute, memberOfRoute } from '$lib/server/workshop-guard';
import { programmeIdInput } from '$lib/shared/programmes';
import { workshopSettingsInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** The workshop, with the caller's role and category (members only). */
export const GET: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	return json({ ...access.workshop, role: access.role, category: access.category });
};

/** Settings plus `programmeId`: the programme the workshop belongs to (null: none). */
const workshopPatchInput = workshopSettingsInput.extend({
	programmeId: programmeIdInput.optional()
});

/**
 * Fields an archived workshop still accepts: who reads the archive how, how long its raw logs are
 * kept, and its programme.
 */
const ARCHIVED_FIELDS: ReadonlySet<string> = new Set([
	'evaluatorsSeeNames',
	'retentionMonths',
	'programmeId'
]);

/**
 * Changes title, date, purpose, place, categories, admission mode or retention (facilitators): 200 the
 * workshop. `programmeId` puts it in one of the caller's programmes (404 `programme_unknown` for
 * anyone else's) or out of any (null). Once archived, only `evaluatorsSeeNames`, `retentionMonths`
 * and `programmeId` may change (409 `workshop_archived` otherwise).
 */
export const PATCH: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, workshopPatchInput);
	if (isFailure(input)) return failureResponse(input);
	const changesContent = Object.entries(input).some(
		([key, value]) => !ARCHIVED_FIELDS.has(key) && value !== undefined
	);
	if (access.workshop.archived && changesContent) return failureResponse(archivedFailure());
	const { programmeId, ...settings } = input;
	if (programmeId !== undefined) {
		const refused = await assignProgramme({
			workshopId: access.workshop.id,
			actorId: access.userId,
			programmeId
		});
		if (refused) return failureResponse(refused);
	}
	await updateWorkshop({ workshopId: access.workshop.id, actorId: access.userId, settings });
	return json(await getWorkshop(access.workshop.id));
};
