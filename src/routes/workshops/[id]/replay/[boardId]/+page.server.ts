import { error, redirect } from '@sveltejs/kit';
import { isFailure } from '$lib/server/http';
import { historyAccess } from '$lib/server/services/history';
import type { PageServerLoad } from './$types';

/** The board to replay (facilitators; evaluators once archived); the history loads in the page. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const access = await historyAccess({ userId: locals.user.id, boardId: params.boardId });
	if (isFailure(access)) error(access.status, { message: access.message, code: access.code });
	if (access.workshopId !== params.id) {
		error(404, { message: 'No such board', code: 'board_unknown' });
	}
	return {
		board: { id: access.boardId, title: access.title, workshopId: access.workshopId },
		// Facilitators of an active workshop may put deleted objects back from the history.
		canRestore: access.role === 'facilitator' && !access.archived
	};
};
