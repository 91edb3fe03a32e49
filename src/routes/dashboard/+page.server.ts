import { redirect } from '@sveltejs/kit';
import { fieldErrors, formString } from '$lib/server/forms';
import { isFailure, refuseForm } from '$lib/server/http';
import { createBoard, listBoards } from '$lib/server/services/boards';
import {
	deleteOwnTemplate,
	listOwnTemplates,
	renameOwnTemplate
} from '$lib/server/services/own-templates';
import { templateTitleInput } from '$lib/shared/template-validation';
import { createBoardInput } from '$lib/shared/validation';
import type { Actions, PageServerLoad } from './$types';

/** The account's boards, newest first, and its own templates. Guests and visitors go to the sign-in page. */
export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.kind !== 'account') redirect(303, '/login?next=/dashboard');
	const boards = await listBoards(locals.user.id);
	return {
		ownTemplates: await listOwnTemplates(locals.user.id),
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
		if (!parsed.success) return refuseForm(400, { values, errors: fieldErrors(parsed.error) });
		const board = await createBoard({ ownerId: locals.user.id, title: parsed.data.title });
		redirect(303, `/boards/${board.id}`);
	},
	/** Renames one of my templates. */
	renameTemplate: async ({ locals, request }) => {
		if (locals.user?.kind !== 'account') redirect(303, '/login?next=/dashboard');
		const data = await request.formData();
		const templateId = formString(data, 'templateId');
		const parsed = templateTitleInput.safeParse({ title: formString(data, 'title') });
		if (!parsed.success) {
			return refuseForm(400, { action: 'renameTemplate', templateId, code: 'title_invalid' });
		}
		const renamed = await renameOwnTemplate({
			ownerId: locals.user.id,
			templateId,
			title: parsed.data.title
		});
		if (isFailure(renamed)) {
			return refuseForm(renamed.status, {
				action: 'renameTemplate',
				templateId,
				code: renamed.code
			});
		}
		return { action: 'renameTemplate', templateId, done: true };
	},
	/** Deletes one of my templates (boards made from it stay). */
	deleteTemplate: async ({ locals, request }) => {
		if (locals.user?.kind !== 'account') redirect(303, '/login?next=/dashboard');
		const data = await request.formData();
		const templateId = formString(data, 'templateId');
		const refused = await deleteOwnTemplate({ ownerId: locals.user.id, templateId });
		if (refused) {
			return refuseForm(refused.status, {
				action: 'deleteTemplate',
				templateId,
				code: refused.code
			});
		}
		return { action: 'deleteTemplate', templateId, done: true };
	}
};
