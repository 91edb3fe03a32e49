import { redirect } from '@sveltejs/kit';
import { isFailure, refusePage, refusePageWith } from '$lib/server/http';
import { memberOfRoute } from '$lib/server/workshop-guard';
import type { PageServerLoad } from './$types';

/** The boards to replay (facilitators; evaluators once the workshop is archived). */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	}
	const access = await memberOfRoute(event);
	if (isFailure(access)) refusePageWith(access);
	const evaluator = access.role === 'evaluator' && access.workshop.archived;
	if (access.role !== 'facilitator' && !evaluator) {
		refusePage(403, 'history_forbidden', 'Only facilitators and evaluators replay');
	}
	const { id, title, archived, boards } = access.workshop;
	return { workshop: { id, title, archived, boards } };
};
