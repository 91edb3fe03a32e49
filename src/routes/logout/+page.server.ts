import { redirect } from '@sveltejs/kit';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

/** Nothing to show: sign-out is a POST from the header. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Ends this browser's session and goes home. */
	default: async (event) => {
		if (event.locals.session) await invalidateSession(event.locals.session.id);
		deleteSessionTokenCookie(event);
		redirect(303, '/');
	}
};
