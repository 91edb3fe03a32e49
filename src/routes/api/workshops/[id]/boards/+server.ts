import { json } from '@sveltejs/kit';
import { failureResponse, isFailure, readJson } from '$lib/server/http';
import { addBoard } from '$lib/server/services/workshops';
import { activeFacilitatorOfRoute } from '$lib/server/workshop-guard';
import { createWorkshopBoardInput } from '$lib/shared/workshop-validation';
import type { RequestHandler } from './$types';

/**
 * Adds a board (facilitators), from a built-in template or one of the caller's own (404 when it is
 * not theirs): 201 `{ id, title, template, ownTemplateId }`.
 */
export const POST: RequestHandler = async (event) => {
	const access = await activeFacilitatorOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const input = await readJson(event.request, createWorkshopBoardInput);
	if (isFailure(input)) return failureResponse(input);
	const { ownTemplateId, ...rest } = input;
	const id = await addBoard({
		workshopId: access.workshop.id,
		...rest,
		ownTemplate: ownTemplateId ? { id: ownTemplateId, ownerId: access.userId } : undefined
	});
	if (isFailure(id)) return failureResponse(id);
	return json(
		{
			id,
			title: input.title,
			template: input.template ?? null,
			ownTemplateId: ownTemplateId ?? null
		},
		{ status: 201 }
	);
};
