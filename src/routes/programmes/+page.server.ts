import { redirect } from '@sveltejs/kit';
import { formString } from '$lib/server/forms';
import { createProgramme, listProgrammes } from '$lib/server/services/programmes';
import { programmeInput } from '$lib/shared/programmes';
import type { Actions, PageServerLoad } from './$types';
import { refuseForm } from '$lib/server/http';

/** The programmes the account owns or reads, oldest first. */
export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.kind !== 'account') redirect(303, '/login?next=/programmes');
	return { programmes: await listProgrammes(locals.user.id) };
};

export const actions: Actions = {
	/** Creates a programme and opens it. */
	create: async ({ locals, request }) => {
		if (locals.user?.kind !== 'account') redirect(303, '/login?next=/programmes');
		const data = await request.formData();
		const values = { title: formString(data, 'title') };
		const parsed = programmeInput.safeParse(values);
		if (!parsed.success) return refuseForm(400, { values, code: 'title_invalid' });
		const created = await createProgramme({ ownerId: locals.user.id, title: parsed.data.title });
		redirect(303, `/programmes/${created.id}`);
	}
};
