import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth';
import type { Locale } from '$lib/i18n';
import type { RefusalReason } from '$lib/shared/refusals';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			locale: Locale;
		}
		interface Error {
			message: string;
			/**
			 * Why the page was refused, in the one vocabulary of refusals shared with the JSON API,
			 * socket.io acknowledgements and websocket close codes (`src/lib/shared/refusals.ts`).
			 */
			reason: RefusalReason;
			/** Stable machine code of an expected failure (`invite_revoked`, …), for translation. */
			code?: string;
			/** Id of an unexpected error, logged with its details, for support. */
			errorId?: string;
		}
	}
}

export {};
