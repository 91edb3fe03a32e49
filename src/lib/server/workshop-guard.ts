import type { RequestEvent } from '@sveltejs/kit';
import { requireUser } from './http.ts';
import { archivedFailure } from './services/archive.ts';
import { failure, isFailure, type Failure } from './services/failure.ts';
import { facilitatorAccess, workshopAccess, type WorkshopAccess } from './services/workshops.ts';

/** The signed-in caller's access to the workshop of the route (`params.id`), or a failure. */
export async function memberOfRoute(
	event: Pick<RequestEvent, 'locals' | 'params'>
): Promise<(WorkshopAccess & { userId: string }) | Failure> {
	const user = requireUser(event.locals);
	if (isFailure(user)) return user;
	const workshopId = (event.params as Record<string, string>).id ?? '';
	const access = await workshopAccess({ userId: user.id, workshopId });
	if (!access) return failure(404, 'workshop_unknown', 'No such workshop');
	return { ...access, userId: user.id };
}

/** Like `memberOfRoute`, but only facilitators pass (403 for other members). */
export async function facilitatorOfRoute(
	event: Pick<RequestEvent, 'locals' | 'params'>
): Promise<(WorkshopAccess & { userId: string }) | Failure> {
	const user = requireUser(event.locals);
	if (isFailure(user)) return user;
	const workshopId = (event.params as Record<string, string>).id ?? '';
	const access = await facilitatorAccess({ userId: user.id, workshopId });
	if (isFailure(access)) return access;
	return { ...access, userId: user.id };
}

/**
 * Like `facilitatorOfRoute`, for changes: an archived workshop answers 409 `workshop_archived`
 * (nothing changes once a workshop is archived).
 */
export async function activeFacilitatorOfRoute(
	event: Pick<RequestEvent, 'locals' | 'params'>
): Promise<(WorkshopAccess & { userId: string }) | Failure> {
	const access = await facilitatorOfRoute(event);
	if (isFailure(access)) return access;
	return access.workshop.archived ? archivedFailure() : access;
}
