import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { addBoard } from '$lib/server/services/workshops';
import { activeFacilitatorOfRoute } from '$lib/server/workshop-guard';
import { createWorkshopBoardInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/** Adds a board, from a built-in template if asked (facilitators): 201 `{ id, title, template }`. */
export const POST: RequestHandler = async (event) => {
	const access = await activeFacilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, createWorkshopBoardInput);
	if (isFailure(input)) return failureResponse(input);
	const id = await addBoard({ workshopId: access.workshop.id, ...input });
	return json({ id, title: input.title, template: input.template ?? null }, { status: 201 });
};
