import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { archivedFailure } from '$lib/server/services/archive';
import { failure } from '$lib/server/services/failure';
import { feedbackSummary, submitFeedback } from '$lib/server/services/feedback';
import { memberOfRoute } from '$lib/server/workshop-guard';
import { feedbackInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** Stores the caller's feedback with their category (participants and facilitators): 200. */
export const POST: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	if (access.role === 'evaluator' || access.role === 'observer') {
		return failureResponse(failure(403, 'forbidden', 'Only people who took part give feedback'));
	}
	if (access.workshop.archived) return failureResponse(archivedFailure());
	const input = await readJson(event.request, feedbackInput);
	if (isFailure(input)) return failureResponse(input);
	await submitFeedback({
		workshopId: access.workshop.id,
		userId: access.userId,
		category: access.category,
		...input
	});
	return json({ ok: true });
};

/** The answers, by category only, with the average satisfaction (facilitators, evaluators). */
export const GET: RequestHandler = async (event) => {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	if (access.role !== 'facilitator' && access.role !== 'evaluator') {
		return failureResponse(failure(403, 'facilitator_only', 'Only facilitators read feedback'));
	}
	return json(await feedbackSummary(access.workshop.id));
};
