import { CloseCode } from './close-codes.ts';

/**
 * The one vocabulary of refusals, the same in the three places a person can be refused: the
 * `reason` of an HTTP error body, of a socket.io acknowledgement (`{ ok: false, reason }`) and of a
 * websocket close code (`REASON_OF_CLOSE_CODE`). Each reason has a message in every language
 * (`refusal_<reason>` in `src/lib/i18n/refusals-*.ts`); the specific case, when there is more to
 * say (e.g. a board's object limit), travels as extra fields beside it.
 */
export const REFUSAL_REASONS = [
	/** No valid session or ticket: sign in again. */
	'unauthenticated',
	/** Signed in, but this role may not do it here. */
	'forbidden',
	/** The board, workshop or object does not exist (any more). */
	'not_found',
	/** A socket.io command for a board the socket has not joined (`board:join` first). */
	'not_joined',
	/** Malformed or out of bounds: the request itself is wrong. */
	'invalid',
	/** A facilitator locked the board, frame or object. */
	'locked',
	/** A limit of the board or of the current rules is reached (objects, dots, drafts). */
	'limit',
	/** The message or value is larger than allowed. */
	'too_large',
	/** Too many requests in too short a time. */
	'rate',
	/** Not possible in the current state (no open round, groups already split, archived, …). */
	'conflict',
	/** The server is restarting or cannot answer now: try again. */
	'unavailable'
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** True when `value` is one of `REFUSAL_REASONS`. */
export function isRefusalReason(value: unknown): value is RefusalReason {
	return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value);
}

/** The reason each websocket close code of `CloseCode` stands for. */
export const REASON_OF_CLOSE_CODE: Record<CloseCode, RefusalReason> = {
	[CloseCode.BadMessage]: 'invalid',
	[CloseCode.Unauthorized]: 'unauthenticated',
	[CloseCode.Forbidden]: 'forbidden',
	[CloseCode.NotFound]: 'not_found',
	// Writing under someone else's Yjs client id: a conflict only a fresh document resolves.
	[CloseCode.ClientIdTaken]: 'conflict',
	[CloseCode.TooLarge]: 'too_large',
	[CloseCode.InvalidUpdate]: 'invalid',
	[CloseCode.Locked]: 'locked',
	[CloseCode.RateLimited]: 'rate',
	[CloseCode.Restarting]: 'unavailable',
	[CloseCode.ClientIdUnverified]: 'unavailable',
	[CloseCode.BoardFull]: 'limit'
};

/** The reason of a websocket close code, or null for a code that is not a refusal (1000, 1006…). */
export function reasonOfCloseCode(code: number): RefusalReason | null {
	return (REASON_OF_CLOSE_CODE as Record<number, RefusalReason | undefined>)[code] ?? null;
}

/** The reason an HTTP error status stands for (the body's specific `code` says more). */
export function reasonOfStatus(status: number): RefusalReason {
	switch (status) {
		case 401:
			return 'unauthenticated';
		case 403:
			return 'forbidden';
		case 404:
		case 410:
			return 'not_found';
		case 409:
			return 'conflict';
		case 413:
			return 'too_large';
		case 423:
			return 'locked';
		case 429:
			return 'rate';
		case 503:
			return 'unavailable';
		default:
			return status >= 500 ? 'unavailable' : 'invalid';
	}
}

/** A refused socket.io command or request, as acknowledged. */
export interface Refusal {
	ok: false;
	reason: RefusalReason;
}

/**
 * A command refused whole because it would take the board past `MAX_OBJECTS_PER_BOARD` (revealing
 * drafts, crossing peer groups): nothing was written.
 */
export interface BoardLimitRefusal extends Refusal {
	reason: 'limit';
	/** The board's object limit. */
	limit: number;
	/** Objects on the board now. */
	objects: number;
	/** Objects the command would add. */
	adding: number;
}
