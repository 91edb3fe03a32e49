import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { exportWorkshopRecord } from '$lib/server/services/workshop-record-export';
import { memberOfRoute } from '$lib/server/workshop-guard';
import { translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * The workshop record as a JSON download (`format: "croisee-session"`): facilitators get names,
 * evaluators (once the workshop is archived) pseudonyms unless the workshop shows them names.
 */
export const GET: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const evaluator = access.role === 'evaluator';
	if (!evaluator && access.role !== 'facilitator') {
		return failureResponse(failure(403, 'facilitator_only', 'Only facilitators may do this'));
	}
	if (evaluator && !access.workshop.archived) {
		return failureResponse(
			failure(403, 'evaluator_archived_only', 'Evaluators read a workshop once archived')
		);
	}
	const document = await exportWorkshopRecord({
		workshopId: access.workshop.id,
		viewer: access.role,
		t: translator(event.locals.locale)
	});
	if (!document) return failureResponse(failure(404, 'workshop_unknown', 'No such workshop'));
	return json(document, {
		headers: {
			'content-disposition': 'attachment; filename="session.json"',
			'cache-control': 'private, no-store'
		}
	});
};
