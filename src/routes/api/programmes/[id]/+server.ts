import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson, requireUser } from '$lib/server/http';
import {
	deleteProgramme,
	programmeOwnerRefusal,
	programmeFiguresOf,
	readProgramme,
	renameProgramme
} from '$lib/server/services/programmes';
import { programmeInput } from '$lib/shared/programmes';
import type { RequestHandler } from './$types';

/**
 * The programme with its workshops in date order and their figures over time (`ProgrammeFigures`,
 * no names): its owner, and facilitators or evaluators of its workshops (evaluators: archived
 * workshops only). 404 for anyone else.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const view = await readProgramme({ userId: user.id, programmeId: params.id });
	if (isFailure(view)) return failureResponse(view);
	return json({ ...view, figures: await programmeFiguresOf(view) });
};

/** Renames the programme (owner only; readers get 403): 200 `{ id, title }`. */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const notOwner = await programmeOwnerRefusal({ userId: user.id, programmeId: params.id });
	if (notOwner) return failureResponse(notOwner);
	const input = await readJson(request, programmeInput);
	if (isFailure(input)) return failureResponse(input);
	const refused = await renameProgramme({
		userId: user.id,
		programmeId: params.id,
		title: input.title
	});
	if (refused) return failureResponse(refused);
	return json({ id: params.id, title: input.title });
};

/** Deletes the programme (owner only): its workshops stay, in no programme. 200 `{ ok: true }`. */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const refused = await deleteProgramme({ userId: user.id, programmeId: params.id });
	if (refused) return failureResponse(refused);
	return json({ ok: true });
};
