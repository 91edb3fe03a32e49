/**
 * Cross-site request forgery defence for every state-changing HTTP request (form actions and the
 * JSON API alike, with or without a body). SvelteKit's own check covers form content types only:
 * a bodiless `POST` or a `fetch` with `mode: 'no-cors'` would slip past it with the victim's
 * cookie (SameSite=Lax stops cross-site subrequests, not a top-level form POST after a click, nor
 * a same-site but cross-origin page).
 */

/** Methods that change state; `GET`, `HEAD` and `OPTIONS` never do here. */
const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Sec-Fetch-Site` values of a request the page itself (or the person, typing) started. */
const FIRST_PARTY_FETCH_SITES = new Set(['same-origin', 'none']);

/** Why a request was refused, or null when it may proceed. */
export type CrossSiteVerdict = null | 'foreign_origin' | 'foreign_fetch_site';

/**
 * Judges one request: state-changing requests must carry an `Origin` equal to `allowedOrigin`,
 * or, when a browser sent no `Origin`, a `Sec-Fetch-Site` of `same-origin` (or `none`: typed by
 * the person). A request with neither header comes from no browser (every browser sends one of
 * them on a cross-site `POST`): API clients such as scripts and `curl` pass, still needing a
 * session.
 */
export function judgeCrossSite(input: {
	method: string;
	origin: string | null;
	secFetchSite: string | null;
	allowedOrigin: string;
}): CrossSiteVerdict {
	if (!STATE_CHANGING_METHODS.has(input.method.toUpperCase())) return null;
	if (input.origin !== null) return input.origin === input.allowedOrigin ? null : 'foreign_origin';
	if (input.secFetchSite !== null) {
		return FIRST_PARTY_FETCH_SITES.has(input.secFetchSite.toLowerCase())
			? null
			: 'foreign_fetch_site';
	}
	return null;
}
