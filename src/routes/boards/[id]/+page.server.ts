import { redirect } from '@sveltejs/kit';
import { boardAccess, boardExists, workshopBoardsFor } from '$lib/server/services/boards';
import type { PageServerLoad } from './$types';
import { refusePage } from '$lib/server/http';

/** The board and this person's rights on it; signs in first, 403/404 page when not allowed. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const access = await boardAccess({ userId: locals.user.id, boardId: params.id });
	if (!access) {
		if (await boardExists(params.id)) {
			refusePage(403, 'board_forbidden', 'You do not have access to this board');
		}
		refusePage(404, 'board_unknown', 'No such board');
	}
	const boards = await workshopBoardsFor({
		workshopId: access.workshopId,
		role: access.role,
		category: access.category
	});
	return {
		/** The workshop's boards this person may open (the board switcher). */
		boards,
		board: {
			id: access.boardId,
			title: access.title,
			groupCategory: access.groupCategory,
			role: access.role,
			category: access.category,
			archived: access.archived,
			workshopId: access.workshopId
		}
	};
};
