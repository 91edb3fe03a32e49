import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, startSession } from '$lib/server/http';
import { findInviteFrom, joinWithInvite } from '$lib/server/services/invites';
import { joinInput } from '$lib/shared/validation';
import type { RequestHandler } from './$types';

/** What a join link leads to (board title, fixed category if any, the categories to pick from). */
export const GET: RequestHandler = async (event) => {
	const invite = await findInviteFrom({
		code: event.params.code,
		address: event.getClientAddress()
	});
	if (isFailure(invite)) return failureResponse(invite);
	return json({
		boardTitle: invite.boardTitle,
		category: invite.category,
		role: invite.role,
		categories: invite.categories,
		purpose: invite.purpose,
		admission: invite.admission
	});
};

/**
 * Joins through a link with a display name and a category: 200 `{ boardId, workshopId, waiting }`
 * + guest cookie (`waiting`: on the waiting list of an "admit" workshop).
 */
export const POST: RequestHandler = async (event) => {
	const invite = await findInviteFrom({
		code: event.params.code,
		address: event.getClientAddress()
	});
	if (isFailure(invite)) return failureResponse(invite);
	const input = await readJson(event.request, joinInput);
	if (isFailure(input)) return failureResponse(input);
	const joined = await joinWithInvite({
		invite,
		userId: event.locals.user?.id ?? null,
		name: input.name,
		category: input.category
	});
	if (isFailure(joined)) return failureResponse(joined);
	if (joined.newGuestId) await startSession(event, joined.newGuestId);
	return json({ boardId: joined.boardId, workshopId: joined.workshopId, waiting: joined.waiting });
};
