import * as z from 'zod';
import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { MAX_HISTORY_PAGE, historyAccess, historyPage } from '$lib/server/services/history';
import type { RequestHandler } from './$types';

const pageQuery = z.object({
	after: z.coerce.number().int().min(0).default(0),
	limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(MAX_HISTORY_PAGE)
});

/**
 * One page of the board's logged updates after `?after=<seq>` (at most `?limit=`, 5000), as
 * `application/octet-stream` in the history format (`src/lib/board/history-format.ts`). Categories only, never authors.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const query = pageQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) {
		return failureResponse(failure(400, 'invalid', 'Use ?after=<seq>&limit=<1..5000>'));
	}
	const access = await historyAccess({ userId: user.id, boardId: params.id });
	if (isFailure(access)) return failureResponse(access);
	const page = await historyPage({ boardId: access.boardId, ...query.data });
	return new Response(page as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
	});
};
