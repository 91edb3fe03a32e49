import { redirect } from '@sveltejs/kit';
import { fieldErrors, formString } from '$lib/server/forms';
import { isFailure, refuseForm } from '$lib/server/http';
import { signUp } from '$lib/server/services/accounts';
import { signUpInput } from '$lib/shared/validation';
import type { Actions, PageServerLoad } from './$types';

/** A signed-in account has nothing to do here. */
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user?.kind === 'account') redirect(303, '/dashboard');
};

export const actions: Actions = {
	/**
	 * Creates a facilitator account when the address is free, then, whatever happened, opens the
	 * sign-in page saying so (the same answer for a used address: no account enumeration).
	 */
	default: async (event) => {
		const data = await event.request.formData();
		const values = { name: formString(data, 'name'), email: formString(data, 'email') };
		const parsed = signUpInput.safeParse({ ...values, password: formString(data, 'password') });
		if (!parsed.success)
			return refuseForm(400, { values, errors: fieldErrors(parsed.error), code: null });
		const result = await signUp({ ...parsed.data, address: event.getClientAddress() });
		if (isFailure(result)) {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds ?? 3600) });
			return refuseForm(result.status, {
				values,
				errors: { email: result.code },
				code: result.code
			});
		}
		redirect(303, '/login?signed_up=1');
	}
};
