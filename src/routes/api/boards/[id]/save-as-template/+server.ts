import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, requireUser } from '$lib/server/http';
import { saveAsTemplateRefusal, saveBoardAsTemplate } from '$lib/server/services/own-templates';
import { templateTitleInput } from '$lib/shared/template-validation';
import type { RequestHandler } from './$types';

/**
 * Saves the board as one of the caller's own templates (facilitators of its workshop, archived or
 * not): 201 `{ id, title, createdAt }`.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const refused = await saveAsTemplateRefusal({ userId: user.id, boardId: params.id });
	if (refused) return failureResponse(refused);
	const input = await readJson(request, templateTitleInput);
	if (isFailure(input)) return failureResponse(input);
	const saved = await saveBoardAsTemplate({
		userId: user.id,
		boardId: params.id,
		title: input.title
	});
	if (isFailure(saved)) return failureResponse(saved);
	return json(saved, { status: 201 });
};
