import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** A signed-in account goes straight to its boards. */
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user?.kind === 'account') redirect(303, '/dashboard');
};
