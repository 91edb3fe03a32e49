import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, formString } from '$lib/server/forms';
import { createBoard, listBoards } from '$lib/server/services/boards';
import { createBoardInput } from '$lib/shared/validation';
import type { Actions, PageServerLoad } from './$types';

/** The account's boards, newest first. Guests and visitors go to the sign-in page. */
export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.kind !== 'account') redirect(303, '/login?next=/dashboard');
	const boards = await listBoards(locals.user.id);
	return {
		boards: boards.map((board) => ({
			id: board.id,
			title: board.title,
			role: board.role,
			createdAt: board.createdAt.toISOString()
		}))
	};
};

export const actions: Actions = {
	/** Creates a board (with its first join link) and opens it. */
	create: async ({ locals, request }) => {
		if (locals.user?.kind !== 'account') redirect(303, '/login?next=/dashboard');
		const data = await request.formData();
		const values = { title: formString(data, 'title') };
		const parsed = createBoardInput.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const board = await createBoard({ ownerId: locals.user.id, title: parsed.data.title });
		redirect(303, `/boards/${board.id}`);
	}
};
