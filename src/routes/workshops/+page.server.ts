import { redirect } from '@sveltejs/kit';
import { formString } from '$lib/server/forms';
import { createInvite } from '$lib/server/services/invites';
import { createWorkshop, listWorkshops } from '$lib/server/services/workshops';
import { createWorkshopInput } from '$lib/shared/workshop-validation';
import type { Actions, PageServerLoad } from './$types';
import { refuseForm } from '$lib/server/http';

/** The account's workshops, newest first. */
export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.kind !== 'account') redirect(303, '/login?next=/workshops');
	return { workshops: await listWorkshops(locals.user.id) };
};

export const actions: Actions = {
	/** Creates a workshop (plenary board + a link where guests pick their category) and opens it. */
	create: async ({ locals, request }) => {
		if (locals.user?.kind !== 'account') redirect(303, '/login?next=/workshops');
		const data = await request.formData();
		const values = { title: formString(data, 'title'), purpose: formString(data, 'purpose') };
		const parsed = createWorkshopInput.safeParse(values);
		if (!parsed.success) return refuseForm(400, { values, code: 'title_invalid' });
		const created = await createWorkshop({ ownerId: locals.user.id, settings: parsed.data });
		await createInvite({ workshopId: created.id, boardId: created.boardId });
		redirect(303, `/workshops/${created.id}`);
	}
};
