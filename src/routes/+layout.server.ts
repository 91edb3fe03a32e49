import { appContext } from '$lib/server/context';
import type { LayoutServerLoad } from './$types';

/** The UI language, the display time zone and who is signed in, for every page. */
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	displayTimeZone: appContext().config.displayTimeZone,
	user: locals.user ? { name: locals.user.name, kind: locals.user.kind } : null
});
