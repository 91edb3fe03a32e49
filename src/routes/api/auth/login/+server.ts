import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, startSession } from '$lib/server/http';
import { logIn } from '$lib/server/services/accounts';
import { logInInput } from '$lib/shared/validation';
import type { RequestHandler } from './$types';

/** Signs a facilitator in (200 + a new session cookie). */
export const POST: RequestHandler = async (event) => {
	const input = await readJson(event.request, logInInput);
	if (isFailure(input)) return failureResponse(input);
	const result = await logIn({ ...input, address: event.getClientAddress() });
	if (isFailure(result)) {
		const response = failureResponse(result);
		if (result.retryAfterSeconds) {
			response.headers.set('Retry-After', String(result.retryAfterSeconds));
		}
		return response;
	}
	await startSession(event, result.userId);
	return json({ id: result.userId });
};
