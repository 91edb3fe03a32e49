import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, joinUrl, readJson, requireUser } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { createInvite } from '$lib/server/services/invites';
import { createWorkshop, listWorkshops } from '$lib/server/services/workshops';
import { createWorkshopInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** The caller's workshops: 200 `{ workshops: [{ id, title, date, role }] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	return json({ workshops: await listWorkshops(user.id) });
};

/**
 * Creates a workshop with a plenary board and a participant link where the guest picks a category
 * (accounts only): 201 `{ id, boardId, joinUrl }`.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event.locals);
	if (isFailure(user)) return failureResponse(user);
	if (user.kind !== 'account') {
		return failureResponse(
			failure(403, 'account_required', 'Only facilitator accounts create workshops')
		);
	}
	const input = await readJson(event.request, createWorkshopInput);
	if (isFailure(input)) return failureResponse(input);
	const created = await createWorkshop({ ownerId: user.id, settings: input });
	const { code } = await createInvite({ workshopId: created.id, boardId: created.boardId });
	return json({ ...created, joinUrl: joinUrl(event, code) }, { status: 201 });
};
