import { redirect } from '@sveltejs/kit';
import { deleteSessionTokenCookie, invalidateUserSessions } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

/** Nothing to show: sign-out everywhere is a POST from the dashboard. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Ends every session of the signed-in person, on every device, and goes to the sign-in page. */
	default: async (event) => {
		if (event.locals.user) await invalidateUserSessions(event.locals.user.id);
		deleteSessionTokenCookie(event);
		redirect(303, '/login');
	}
};
