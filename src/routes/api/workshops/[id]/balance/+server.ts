import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { voiceBalance } from '$lib/server/services/feedback';
import { memberOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/** Voice balance by category: participants, contributions and votes (facilitators, evaluators). */
export const GET: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	if (access.role !== 'facilitator' && access.role !== 'evaluator') {
		return failureResponse(failure(403, 'facilitator_only', 'Only facilitators see the balance'));
	}
	return json(await voiceBalance(access.workshop.id));
};
