import { json } from '@sveltejs/kit';
import { failureResponse, isFailure } from '$lib/server/http';
import { revokeInvite } from '$lib/server/services/invite-links';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/** Revokes the link (facilitators): 200 `{ state: 'revoked' }`. People already in stay. */
export const DELETE: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const refused = await revokeInvite({
		workshopId: access.workshop.id,
		inviteId: event.params.inviteId,
		actorId: access.userId
	});
	if (refused) return failureResponse(refused);
	return json({ state: 'revoked' });
};
