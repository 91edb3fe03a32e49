import { json, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	setSessionTokenCookie,
	type SessionUser
} from './auth.ts';
import { appContext } from './context.ts';
import { failure, isFailure, type Failure } from './services/failure.ts';
import { findUnstorableText } from './text-guard.ts';

/** The JSON error response of a failure: `{ error, code }` with its status. */
export function failureResponse(value: Failure): Response {
	return json({ error: value.message, code: value.code }, { status: value.status });
}

/** Reads and validates a JSON body; a `Failure` (400/415) tells what is wrong. */
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
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return failure(400, 'invalid_json', 'The body is not valid JSON');
	}
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
