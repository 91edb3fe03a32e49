import { error, redirect } from '@sveltejs/kit';
import { boardAccess, boardExists, workshopBoardsFor } from '$lib/server/services/boards';
import type { PageServerLoad } from './$types';

/** The board and this person's rights on it; signs in first, 403/404 page when not allowed. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const access = await boardAccess({ userId: locals.user.id, boardId: params.id });
	if (!access) {
		if (await boardExists(params.id)) {
			error(403, { message: 'You do not have access to this board', code: 'board_forbidden' });
		}
		error(404, { message: 'No such board', code: 'board_unknown' });
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
