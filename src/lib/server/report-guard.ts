import type { RequestEvent } from '@sveltejs/kit';
import { failure, isFailure, type Failure } from './services/failure.ts';
import type { WorkshopAccess } from './services/workshops.ts';
import { memberOfRoute } from './workshop-guard.ts';

/** Roles that read a workshop's report and figures. */
export const REPORT_ROLES = ['facilitator', 'evaluator'] as const;

/** The caller's access when they may read the workshop's report (facilitators, evaluators). */
export async function reportReaderOfRoute(
	event: Pick<RequestEvent, 'locals' | 'params'>
): Promise<(WorkshopAccess & { userId: string }) | Failure> {
	const access = await memberOfRoute(event);
	if (isFailure(access)) return access;
	if (!(REPORT_ROLES as readonly string[]).includes(access.role)) {
		return failure(403, 'report_forbidden', 'Only facilitators and evaluators read the report');
	}
	return access;
}
