import { json, type RequestEvent } from '@sveltejs/kit';
import { failureResponse, isFailure, joinUrl, requireUser } from '$lib/server/http';
import { boardAccess, type BoardAccess } from '$lib/server/services/boards';
import { archivedFailure } from '$lib/server/services/archive';
import { failure, type Failure } from '$lib/server/services/failure';
import {
	createInvite,
	currentInviteCode,
	currentShortCode,
	revokeInvites
} from '$lib/server/services/invites';
import { formatShortCode } from '$lib/server/ids';
import type { RequestHandler } from './$types';

async function facilitatorAccess(event: RequestEvent): Promise<BoardAccess | Failure> {
	const user = requireUser(event.locals);
	if (isFailure(user)) return user;
	const access = await boardAccess({ userId: user.id, boardId: event.params.id ?? '' });
	if (!access) return failure(404, 'board_unknown', 'No such board');
	if (access.role !== 'facilitator') {
		return failure(403, 'facilitator_only', 'Only facilitators manage join links');
	}
	return access;
}

/**
 * The board's live join link (`joinUrl` is null once revoked) and the same link with its short
 * code, to type from the room screen (`shortUrl`, null for a link made before short codes).
 */
export const GET: RequestHandler = async (event) => {
	const access = await facilitatorAccess(event);
	if (isFailure(access)) return failureResponse(access);
	const code = await currentInviteCode(access.boardId);
	const short = code ? await currentShortCode(access.boardId) : null;
	return json({
		joinUrl: code ? joinUrl(event, code) : null,
		shortUrl: short ? joinUrl(event, short) : null
	});
};

/** Replaces the join link by a new one (the old one stops working). */
export const POST: RequestHandler = async (event) => {
	const access = await facilitatorAccess(event);
	if (isFailure(access)) return failureResponse(access);
	if (access.archived) return failureResponse(archivedFailure());
	await revokeInvites(access.boardId);
	const { code, shortCode } = await createInvite({
		workshopId: access.workshopId,
		boardId: access.boardId
	});
	return json(
		{ joinUrl: joinUrl(event, code), shortUrl: joinUrl(event, formatShortCode(shortCode)) },
		{ status: 201 }
	);
};

/** Revokes the join link: nobody new can join through it. */
export const DELETE: RequestHandler = async (event) => {
	const access = await facilitatorAccess(event);
	if (isFailure(access)) return failureResponse(access);
	await revokeInvites(access.boardId);
	return json({ joinUrl: null });
};
