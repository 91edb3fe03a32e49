import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { removePerson, updatePerson } from '$lib/server/services/people';
import { activeFacilitatorOfRoute, facilitatorOfRoute } from '$lib/server/workshop-guard';
import { removePersonInput, updatePersonInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** Changes someone's role and/or category (facilitators): 200 `{ ok: true }`. */
export const PATCH: RequestHandler = async (event) => {
	const access = await activeFacilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, updatePersonInput);
	if (isFailure(input)) return failureResponse(input);
	const { category } = input;
	if (category && !access.workshop.categories.includes(category)) {
		return failureResponse(failure(400, 'category_invalid', 'Unknown category'));
	}
	const refused = await updatePerson({
		workshopId: access.workshop.id,
		actorId: access.userId,
		userId: event.params.userId,
		...input
	});
	return refused ? failureResponse(refused) : json({ ok: true });
};

/**
 * Removes someone (facilitators): their sockets close at once and they cannot come back;
 * `{ revokeLink: true }` also revokes the link they joined with. 200 `{ ok: true }`.
 */
export const DELETE: RequestHandler = async (event) => {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const hasBody = (event.request.headers.get('content-length') ?? '0') !== '0';
	const input = hasBody ? await readJson(event.request, removePersonInput) : { revokeLink: false };
	if (isFailure(input)) return failureResponse(input);
	const refused = await removePerson({
		workshopId: access.workshop.id,
		actorId: access.userId,
		userId: event.params.userId,
		revokeLink: input.revokeLink
	});
	return refused ? failureResponse(refused) : json({ ok: true });
};
