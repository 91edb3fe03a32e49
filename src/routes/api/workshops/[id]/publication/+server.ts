import { json, type RequestEvent } from '@sveltejs/kit';
import { failureResponse, isFailure, publicOrigin, readJson } from '$lib/server/http';
import {
	publicationOf,
	publishResults,
	unpublishResults,
	type Publication
} from '$lib/server/services/publication';
import { facilitatorOfRoute } from '$lib/server/workshop-guard';
import { publicationInput } from '$lib/shared/publication';
import type { RequestHandler } from './$types';

/** The publication with its public address (null while unpublished). */
function withUrl(event: RequestEvent, publication: Publication) {
	const url = publication.token ? `${publicOrigin(event)}/results/${publication.token}` : null;
	return { ...publication, url };
}

/** The results' publication: 200 `{ token, boardIds, url }` (facilitators). */
export const GET: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	return json(withUrl(event, await publicationOf(access.workshop.id)));
};

/**
 * Publishes the archived workshop's results with the chosen boards (facilitators): 200
 * `{ token, boardIds, url }`. 409 `publication_needs_archive` while the workshop is active, 400
 * `board_invalid` for a board of another workshop. Publishing again keeps the address.
 */
export const PUT: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, publicationInput);
	if (isFailure(input)) return failureResponse(input);
	const published = await publishResults({
		workshopId: access.workshop.id,
		actorId: access.userId,
		archived: access.workshop.archived,
		boardIds: input.boardIds
	});
	if (isFailure(published)) return failureResponse(published);
	return json(withUrl(event, published));
};

/** Unpublishes (facilitators): the old address answers 404 at once. 200 `{ token: null, … }`. */
export const DELETE: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const done = await unpublishResults({ workshopId: access.workshop.id, actorId: access.userId });
	return json(withUrl(event, done));
};
