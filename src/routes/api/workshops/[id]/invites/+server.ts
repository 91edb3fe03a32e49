import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, joinUrl, readJson } from '$lib/server/http';
import { archivedFailure } from '$lib/server/services/archive';
import { failure } from '$lib/server/services/failure';
import { listInvites } from '$lib/server/services/invite-links';
import { createInvite } from '$lib/server/services/invites';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import { createInviteInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** Every link of the workshop with its state and use count (facilitators). */
export const GET: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const links = await listInvites(access.workshop.id);
	return json({
		invites: links.map(({ code, ...link }) => ({ ...link, joinUrl: joinUrl(event, code) }))
	});
};

/**
 * Creates a link for a role and a fixed category (or one the guest picks), with an optional
 * expiry, usage limit and board (facilitators): 201 the link with its `joinUrl`.
 */
export const POST: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, createInviteInput);
	if (isFailure(input)) return failureResponse(input);
	const { workshop } = access;
	// Evaluator links stay possible once archived: that is how evaluators get the archive.
	if (workshop.archived && input.role !== 'evaluator') return failureResponse(archivedFailure());
	if (input.category !== null && !workshop.categories.includes(input.category)) {
		return failureResponse(failure(400, 'category_invalid', 'Unknown category'));
	}
	const boardId = input.boardId ?? workshop.boards[0]?.id;
	if (!boardId || !workshop.boards.some((board) => board.id === boardId)) {
		return failureResponse(failure(400, 'board_unknown', 'No such board in this workshop'));
	}
	const { id, code } = await createInvite({
		...input,
		workshopId: workshop.id,
		boardId,
		expiresAt: input.expiresAt ? new Date(input.expiresAt) : null
	});
	return json(
		{ id, joinUrl: joinUrl(event, code), boardId, ...input, uses: 0, state: 'live' },
		{ status: 201 }
	);
};
