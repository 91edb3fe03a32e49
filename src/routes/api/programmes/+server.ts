import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, requireUser } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { createProgramme, listProgrammes } from '$lib/server/services/programmes';
import { programmeInput } from '$lib/shared/programmes';
import type { RequestHandler } from './$types';

/** The programmes the caller owns or reads: 200 `{ programmes: [{ id, title, createdAt, reader }] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	return json({ programmes: await listProgrammes(user.id) });
};

/** Creates a programme (accounts only): 201 `{ id, title, createdAt, reader: "owner" }`. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event.locals);
	if (isFailure(user)) return failureResponse(user);
	if (user.kind !== 'account') {
		return failureResponse(failure(403, 'account_required', 'Only accounts create programmes'));
	}
	const input = await readJson(event.request, programmeInput);
	if (isFailure(input)) return failureResponse(input);
	return json(await createProgramme({ ownerId: user.id, title: input.title }), { status: 201 });
};
