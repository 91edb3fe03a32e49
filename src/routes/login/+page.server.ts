import { redirect } from '@sveltejs/kit';
import { formString, safeNextPath } from '$lib/server/forms';
import { isFailure, refuseForm, startSession } from '$lib/server/http';
import { logIn } from '$lib/server/services/accounts';
import { logInInput } from '$lib/shared/validation';
import type { Actions, PageServerLoad } from './$types';

/** A signed-in account goes on to where it was heading (`?next=`) or to its dashboard. */
export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user?.kind === 'account') {
		redirect(303, safeNextPath(url.searchParams.get('next')) ?? '/dashboard');
	}
	// Coming from the sign-up form, which never says whether the address was free.
	return { signedUp: url.searchParams.has('signed_up') };
};

export const actions: Actions = {
	/** Checks the e-mail and password, signs in and goes to `?next=` or the dashboard. */
	default: async (event) => {
		const data = await event.request.formData();
		const values = { email: formString(data, 'email') };
		const parsed = logInInput.safeParse({ ...values, password: formString(data, 'password') });
		if (!parsed.success) {
			return refuseForm(400, { values, code: 'bad_credentials', retryAfterSeconds: null });
		}
		const result = await logIn({ ...parsed.data, address: event.getClientAddress() });
		if (isFailure(result)) {
			const retryAfterSeconds = result.retryAfterSeconds ?? null;
			return refuseForm(result.status, { values, code: result.code, retryAfterSeconds });
		}
		await startSession(event, result.userId);
		redirect(303, safeNextPath(event.url.searchParams.get('next')) ?? '/dashboard');
	}
};
