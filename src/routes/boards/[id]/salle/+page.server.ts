import { redirect } from '@sveltejs/kit';
import { boardAccess } from '$lib/server/services/boards';
import type { PageServerLoad } from './$types';
import { refusePage } from '$lib/server/http';

/** The room screen of a board (the projector): facilitators of the board only. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const access = await boardAccess({ userId: locals.user.id, boardId: params.id });
	if (!access || access.role !== 'facilitator') {
		refusePage(403, 'board_forbidden', 'Only the facilitators show the room screen');
	}
	return { board: { id: access.boardId, title: access.title } };
};
