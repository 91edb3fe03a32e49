import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { workshopFiguresFor } from '$lib/server/services/figures';
import { reportReaderOfRoute } from '$lib/server/report-guard';
import type { RequestHandler } from './$types';

/** The workshop's figures (`WorkshopFigures`): no names inside (facilitators, evaluators). */
export const GET: RequestHandler = async (event) => {
	const access = await reportReaderOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	return json(await workshopFiguresFor({ workshopId: access.workshop.id }));
};
