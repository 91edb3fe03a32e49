import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { signUp } from '$lib/server/services/accounts';
import { signUpInput } from '$lib/shared/validation';
import type { RequestHandler } from './$types';

/** What sign-up tells every caller, whether the address was free or already used. */
const SIGN_IN_NEXT =
	'If this address was free, your account is created. Sign in with it (with your usual password if you already had an account).';

/**
 * Creates a facilitator account when the e-mail is free. Answers `202 { status: 'sign_in' }` in
 * both cases, without signing in (no account enumeration); the caller then signs in
 * (`POST /api/auth/login`). 429 with `Retry-After` beyond `SIGNUPS_PER_HOUR_PER_ADDRESS`.
 */
export const POST: RequestHandler = async (event) => {
	const input = await readJson(event.request, signUpInput);
	if (isFailure(input)) return failureResponse(input);
	const result = await signUp({ ...input, address: event.getClientAddress() });
	if (isFailure(result)) {
		const response = failureResponse(result);
		if (result.retryAfterSeconds) {
			response.headers.set('retry-after', String(result.retryAfterSeconds));
		}
		return response;
	}
	return json({ status: result.status, message: SIGN_IN_NEXT }, { status: 202 });
};
