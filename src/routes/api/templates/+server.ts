import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { listOwnTemplates } from '$lib/server/services/own-templates';
import { TEMPLATE_KEYS } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** The templates a new board may start from: `{ builtIn: [key…], mine: [{ id, title, createdAt }…] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	return json({ builtIn: TEMPLATE_KEYS, mine: await listOwnTemplates(user.id) });
};
