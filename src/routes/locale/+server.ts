import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n';
import { safeNextPath } from '$lib/server/forms';
import type { RequestHandler } from './$types';

/** One year, in seconds: how long the language choice is remembered. */
const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** Remembers the chosen UI language (`locale` field) and goes back to `next` (same site only). */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const data = await request.formData();
	const locale = data.get('locale');
	const next = data.get('next');
	if (isLocale(locale)) {
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			maxAge: LOCALE_COOKIE_MAX_AGE_S,
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	}
	redirect(303, safeNextPath(typeof next === 'string' ? next : null) ?? '/');
};
