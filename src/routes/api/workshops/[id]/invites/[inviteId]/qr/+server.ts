import QRCode from 'qrcode';
import { failureResponse, isFailure, joinUrl } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { findInviteLink } from '$lib/server/services/invite-links';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import type { RequestHandler } from './$types';

/** The link as a QR code for the room's screen (facilitators): `image/svg+xml`, made offline. */
export const GET: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const link = await findInviteLink({
		workshopId: access.workshop.id,
		inviteId: event.params.inviteId
	});
	if (!link) return failureResponse(failure(404, 'invite_unknown', 'No such link'));
	const svg = await QRCode.toString(joinUrl(event, link.code), {
		type: 'svg',
		margin: 2,
		errorCorrectionLevel: 'M'
	});
	return new Response(svg, {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, no-store' }
	});
};
