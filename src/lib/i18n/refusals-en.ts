import type { RefusalReason } from '../shared/refusals.ts';

/** What a person is told, in English, for each refusal reason (`src/lib/shared/refusals.ts`). */
export const refusalsEn: Record<`refusal_${RefusalReason}`, string> = {
	refusal_unauthenticated: 'Your session has expired: sign in again.',
	refusal_forbidden: 'Your role does not allow this here.',
	refusal_not_found: 'Not found: this does not exist (any more).',
	refusal_not_joined: 'You are not connected to this board yet: try again in a moment.',
	refusal_invalid: 'This request is not valid.',
	refusal_locked: 'This is locked by the facilitator.',
	refusal_limit: 'A limit has been reached.',
	refusal_too_large: 'This is too large.',
	refusal_rate: 'Too many requests at once: wait a moment.',
	refusal_conflict: 'This is not possible in the workshop’s current state.',
	refusal_unavailable: 'The server cannot answer right now: try again.'
};
