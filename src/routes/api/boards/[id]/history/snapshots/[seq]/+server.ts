import { failureResponse, isFailure, requireUser } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { historyAccess, historySnapshot } from '$lib/server/services/history';
import type { RequestHandler } from './$types';

/**
 * One stored snapshot (seq, time and `Y.encodeStateAsUpdate` state) as `application/octet-stream`
 * in the history format (`src/lib/board/history-format.ts`).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	if (isFailure(user)) return failureResponse(user);
	const seq = Number(params.seq);
	if (!Number.isSafeInteger(seq) || seq < 0) {
		return failureResponse(failure(400, 'invalid', 'The snapshot seq is a whole number'));
	}
	const access = await historyAccess({ userId: user.id, boardId: params.id });
	if (isFailure(access)) return failureResponse(access);
	const snapshot = await historySnapshot({ boardId: access.boardId, seq });
	if (!snapshot) return failureResponse(failure(404, 'snapshot_unknown', 'No such snapshot'));
	return new Response(snapshot as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
	});
};
