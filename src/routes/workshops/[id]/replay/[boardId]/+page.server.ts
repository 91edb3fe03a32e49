import { redirect } from '@sveltejs/kit';
import { isFailure, refusePage, refusePageWith } from '$lib/server/http';
import { historyAccess } from '$lib/server/services/history';
import type { PageServerLoad } from './$types';

/** The board to replay (facilitators; evaluators once archived); the history loads in the page. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const access = await historyAccess({ userId: locals.user.id, boardId: params.boardId });
	if (isFailure(access)) refusePageWith(access);
	if (access.workshopId !== params.id) {
		refusePage(404, 'board_unknown', 'No such board');
	}
	return {
		board: { id: access.boardId, title: access.title, workshopId: access.workshopId },
		// Facilitators of an active workshop may put deleted objects back from the history.
		canRestore: access.role === 'facilitator' && !access.archived
	};
};
