import {
	error,
	fail,
	json,
	type ActionFailure,
	type Cookies,
	type RequestEvent
} from '@sveltejs/kit';
import type * as z from 'zod';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	setSessionTokenCookie,
	type SessionUser
} from './auth.ts';
import { parseBoundedJson, readBody, type BodyLimits } from './body.ts';
import { appContext } from './context.ts';
import { failure, isFailure, type Failure } from './services/failure.ts';
import { findUnstorableText } from './text-guard.ts';
import { reasonOfStatus, type RefusalReason } from '../shared/refusals.ts';

/**
 * The JSON body of an HTTP refusal: `reason` from the shared vocabulary (`src/lib/shared/refusals.ts`,
 * the same as in socket.io acknowledgements and websocket close codes), `code` the specific case
 * (`workshop_archived`, …), `error` a sentence for developers.
 */
export interface ErrorBody {
	error: string;
	code: string;
	reason: RefusalReason;
}

/** The JSON error response of `status`: `{ error, code, reason }` (see `ErrorBody`). */
export function errorResponse(status: number, code: string, error: string): Response {
	const body: ErrorBody = { error, code, reason: reasonOfStatus(status) };
	return json(body, { status });
}

/** The JSON error response of a failure: `{ error, code, reason }` with its status. */
export function failureResponse(value: Failure): Response {
	return errorResponse(value.status, value.code, value.message);
}

/**
 * Refuses a page load with SvelteKit's error page: the body carries the same `reason` as the JSON API
 * (`reasonOfStatus`), the specific `code` for the translated message and an English sentence.
 */
export function refusePage(status: number, code: string, message: string): never {
	error(status, { message, code, reason: reasonOfStatus(status) });
}

/**
 * Refuses a form action: SvelteKit's `fail` with the shared `reason` of `status` beside the form's own
 * data (its specific `code`, the values to show again).
 */
export function refuseForm<T extends Record<string, unknown>>(
	status: number,
	data: T
): ActionFailure<T & { reason: RefusalReason }> {
	return fail(status, { ...data, reason: reasonOfStatus(status) });
}

/** Refuses a page load because of a service's `Failure` (see `refusePage`). */
export function refusePageWith(value: Failure): never {
	refusePage(value.status, value.code, value.message);
}

/** The bounds of a request body of `maxBytes` (`tooLarge` answered beyond), from the configuration. */
export function bodyLimits(maxBytes: number, tooLarge: Failure): BodyLimits {
	const { config } = appContext();
	return {
		maxBytes,
		idleTimeoutMs: config.uploadIdleTimeoutMs,
		totalTimeoutMs: config.uploadTimeoutMs,
		tooLarge
	};
}

/**
 * Reads and validates a JSON body within `MAX_JSON_BODY_BYTES` (413 `body_too_large`, judged from
 * `Content-Length` first) and `MAX_JSON_DEPTH` (400 `json_too_deep`, checked before parsing); a
 * `Failure` (400/408/413/415) tells what is wrong. Call it once the caller is known to be allowed.
 */
export async function readJson<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<z.infer<T> | Failure> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		return failure(
			415,
			'unsupported_media_type',
			'Send a JSON body (Content-Type: application/json)'
		);
	}
	const { config } = appContext();
	const tooLarge = failure(
		413,
		'body_too_large',
		`The body exceeds the limit of ${config.maxJsonBodyBytes} bytes`
	);
	const bytes = await readBody(request, bodyLimits(config.maxJsonBodyBytes, tooLarge));
	if (isFailure(bytes)) return bytes;
	const parsedJson = parseBoundedJson(bytes, config.maxJsonDepth);
	if (isFailure(parsedJson)) return parsedJson;
	const body = parsedJson.value;
	const unstorable = findUnstorableText(body);
	if (unstorable !== null) {
		return failure(
			400,
			'invalid_text',
			`${unstorable}: NUL characters and lone surrogates are not accepted`
		);
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
		return failure(400, 'invalid_input', `${where}${issue?.message ?? 'invalid input'}`);
	}
	return parsed.data;
}

/** The signed-in user, or a 401 failure. */
export function requireUser(locals: App.Locals): SessionUser | Failure {
	return locals.user ?? failure(401, 'unauthenticated', 'Sign in first');
}

/** Signs `userId` in on this response, ending the previous session of this browser (rotation). */
export async function startSession(
	event: { cookies: Cookies; url: URL; locals: App.Locals },
	userId: string
): Promise<void> {
	if (event.locals.session) await invalidateSession(event.locals.session.id);
	const token = generateSessionToken();
	const session = await createSession(token, userId);
	setSessionTokenCookie(event, token, session.expiresAt);
}

/** The public base URL: `ORIGIN` when configured, otherwise the request's own origin. */
export function publicOrigin(event: Pick<RequestEvent, 'url'>): string {
	return appContext().config.origin ?? event.url.origin;
}

/** The join link of a code. */
export function joinUrl(event: Pick<RequestEvent, 'url'>, code: string): string {
	return `${publicOrigin(event)}/join/${code}`;
}

export { isFailure };
