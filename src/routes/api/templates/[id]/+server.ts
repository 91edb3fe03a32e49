import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, requireUser } from '$lib/server/http';
import {
	deleteOwnTemplate,
	ownTemplateRefusal,
	renameOwnTemplate
} from '$lib/server/services/own-templates';
import { templateTitleInput } from '$lib/shared/template-validation';
import type { RequestHandler } from './$types';

/** Renames one of the caller's templates: 200 `{ id, title, createdAt }`; 404 when not theirs. */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const refused = await ownTemplateRefusal({ ownerId: user.id, templateId: params.id });
	if (refused) return failureResponse(refused);
	const input = await readJson(request, templateTitleInput);
	if (isFailure(input)) return failureResponse(input);
	const renamed = await renameOwnTemplate({
		ownerId: user.id,
		templateId: params.id,
		title: input.title
	});
	return isFailure(renamed) ? failureResponse(renamed) : json(renamed);
};

/** Deletes one of the caller's templates: 204; 404 when not theirs. */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const refused = await deleteOwnTemplate({ ownerId: user.id, templateId: params.id });
	return refused ? failureResponse(refused) : new Response(null, { status: 204 });
};
