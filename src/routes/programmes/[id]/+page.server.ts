import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formString } from '$lib/server/forms';
import { isFailure, refuseForm, refusePageWith } from '$lib/server/http';
import {
	deleteProgramme,
	programmeFiguresOf,
	readProgramme,
	renameProgramme
} from '$lib/server/services/programmes';
import { programmeInput } from '$lib/shared/programmes';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in user's id (sign in first). */
function signedIn(event: RequestEvent): string {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	return user.id;
}

/** The programme, its workshops in date order and their figures over time (its readers). */
export const load: PageServerLoad = async (event) => {
	const userId = signedIn(event);
	const view = await readProgramme({ userId, programmeId: event.params.id });
	if (isFailure(view)) refusePageWith(view);
	return { programme: view, figures: await programmeFiguresOf(view) };
};

export const actions: Actions = {
	/** Renames the programme (its owner). */
	rename: async (event) => {
		const userId = signedIn(event);
		const parsed = programmeInput.safeParse({
			title: formString(await event.request.formData(), 'title')
		});
		if (!parsed.success) return refuseForm(400, { action: 'rename', code: 'title_invalid' });
		const refused = await renameProgramme({
			userId,
			programmeId: event.params.id,
			title: parsed.data.title
		});
		if (refused) return refuseForm(refused.status, { action: 'rename', code: refused.code });
		return { action: 'rename', saved: true };
	},
	/** Deletes the programme (its owner): its workshops stay. */
	delete: async (event) => {
		const userId = signedIn(event);
		const refused = await deleteProgramme({ userId, programmeId: event.params.id });
		if (refused) return refuseForm(refused.status, { action: 'delete', code: refused.code });
		redirect(303, '/programmes');
	}
};
