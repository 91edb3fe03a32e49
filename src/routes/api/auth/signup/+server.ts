import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, startSession } from '$lib/server/http';
import { signUp } from '$lib/server/services/accounts';
import { signUpInput } from '$lib/shared/validation';
import type { RequestHandler } from './$types';

/** Creates a facilitator account and signs it in (201 + session cookie). */
export const POST: RequestHandler = async (event) => {
	const input = await readJson(event.request, signUpInput);
	if (isFailure(input)) return failureResponse(input);
	const result = await signUp(input);
	if (isFailure(result)) return failureResponse(result);
	await startSession(event, result.userId);
	return json({ id: result.userId, name: input.name }, { status: 201 });
};
