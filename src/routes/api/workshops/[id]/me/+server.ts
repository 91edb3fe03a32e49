import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { membershipStatus } from '$lib/server/services/people';
import type { RequestHandler } from './$types';

/** The caller's place in the workshop: `{ status: active | waiting | removed | none }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	return json({ status: await membershipStatus({ workshopId: params.id, userId: user.id }) });
};
