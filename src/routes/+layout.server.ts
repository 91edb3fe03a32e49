import type { LayoutServerLoad } from './$types';

/** The UI language and who is signed in, for every page. */
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { name: locals.user.name, kind: locals.user.kind } : null
});
