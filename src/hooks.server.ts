import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	SESSION_COOKIE,
	deleteSessionTokenCookie,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth';
import { LARGE_BODY_ROUTES, declaredLength } from '$lib/server/body';
import { appContext } from '$lib/server/context';
import { log } from '$lib/server/log';
import { LOCALE_COOKIE, negotiateLocale } from '$lib/i18n';
import { getDisplayTimeZone, setDisplayTimeZone } from '$lib/i18n/format';
import { isUnstorableText } from '$lib/server/text-guard';
import { judgeCrossSite } from '$lib/server/cross-site';
import { errorResponse, publicOrigin } from '$lib/server/http';

/** Fills `locals.user` and `locals.session` from the session cookie (Lucia-guide shape). */
const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = await validateSessionToken(token);
	if (session) setSessionTokenCookie(event, token, session.expiresAt);
	else deleteSessionTokenCookie(event);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

/** Chooses the UI language and writes it into `<html lang>`; sets the display time zone. */
const handleLocale: Handle = async ({ event, resolve }) => {
	const locale = negotiateLocale({
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;
	// The SvelteKit bundle has its own copy of the formatting module: give it the configured zone.
	const zone = appContext().config.displayTimeZone;
	if (getDisplayTimeZone() !== zone) setDisplayTimeZone(zone);
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

/** Security headers for every response (the CSP itself comes from `svelte.config.js`). */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	return response;
};

/**
 * A route parameter the database cannot even compare (NUL, lone surrogates: PostgreSQL errors
 * out) names nothing that can exist: 404 before any query.
 */
const handleImpossibleParams: Handle = async ({ event, resolve }) => {
	if (Object.values(event.params).some((value) => value && isUnstorableText(value))) {
		return errorResponse(404, 'not_found', 'Not found');
	}
	return resolve(event);
};

/**
 * Refuses state-changing requests another site made a browser send (CSRF), before any session is
 * read: every `POST`/`PUT`/`PATCH`/`DELETE`, form action or JSON API, with or without a body.
 */
const handleCrossSite: Handle = async ({ event, resolve }) => {
	const { request } = event;
	const verdict = judgeCrossSite({
		method: request.method,
		origin: request.headers.get('origin'),
		secFetchSite: request.headers.get('sec-fetch-site'),
		allowedOrigin: publicOrigin(event)
	});
	if (verdict === null) return resolve(event);
	log.warn(
		{ method: request.method, path: event.url.pathname, verdict },
		'cross-site request refused'
	);
	const message = 'Cross-site request refused: send it from this site’s own pages';
	if (event.url.pathname.startsWith('/api/')) {
		return errorResponse(403, 'cross_site_request', message);
	}
	return new Response(message, {
		status: 403,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

/**
 * A body declared larger than `MAX_JSON_BODY_BYTES` (any route but the uploads) is refused with 413
 * before anything reads it; form actions included, which SvelteKit would otherwise buffer whole.
 */
const handleBodySize: Handle = async ({ event, resolve }) => {
	if (event.route.id && LARGE_BODY_ROUTES.has(event.route.id)) return resolve(event);
	const declared = declaredLength(event.request);
	const limit = appContext().config.maxJsonBodyBytes;
	if (declared !== null && declared > limit) {
		const error = `The body exceeds the limit of ${limit} bytes`;
		return errorResponse(413, 'body_too_large', error);
	}
	return resolve(event);
};

export const handle = sequence(
	handleHeaders,
	handleCrossSite,
	handleBodySize,
	handleImpossibleParams,
	handleAuth,
	handleLocale
);

/**
 * Logs every unexpected error with the request it broke and an id the person can quote; the page
 * shows only a generic message and that id, never the error itself.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const request = { status, method: event.request.method, path: event.url.pathname };
	// An unknown address (a probe, a stale link) is the client's mistake, not the server's.
	if (status === 404) {
		log.info(request, 'no such page');
		return { message, reason: 'not_found' };
	}
	const errorId = crypto.randomUUID();
	log.error({ err: error, errorId, ...request }, 'unexpected error');
	return { message: 'Internal Error', errorId, reason: 'unavailable' };
};
