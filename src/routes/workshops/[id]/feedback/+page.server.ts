import { redirect } from '@sveltejs/kit';
import { formString } from '$lib/server/forms';
import { isFailure, refuseForm, refusePage, refusePageWith } from '$lib/server/http';
import { submitFeedback } from '$lib/server/services/feedback';
import { publicationOf } from '$lib/server/services/publication';
import { workshopBoards } from '$lib/server/services/workshops';
import { memberOfRoute } from '$lib/server/workshop-guard';
import { feedbackInput } from '$lib/shared/workshop-validation';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function member(event: RequestEvent) {
	if (!event.locals.user) redirect(303, '/');
	const access = await memberOfRoute(event);
	if (isFailure(access)) refusePageWith(access);
	if (access.role === 'observer' || access.role === 'evaluator') {
		refusePage(403, 'forbidden', 'Only people who took part give feedback');
	}
	return access;
}

/**
 * The end-of-workshop feedback form, and where to go after it (never a dead end): back to the
 * workshop's board (its page for facilitators), and its published results when there are some.
 */
export const load: PageServerLoad = async (event) => {
	const access = await member(event);
	const workshopId = access.workshop.id;
	const [board] = await workshopBoards(workshopId);
	const { token } = await publicationOf(workshopId);
	return {
		title: access.workshop.title,
		workshopId: access.role === 'facilitator' ? workshopId : null,
		boardId: board?.id ?? null,
		resultsToken: token
	};
};

export const actions: Actions = {
	/** Stores the answers with the person's category. */
	default: async (event) => {
		const access = await member(event);
		if (access.workshop.archived) return refuseForm(409, { code: 'workshop_archived' });
		const data = await event.request.formData();
		const parsed = feedbackInput.safeParse({
			satisfaction: Number(formString(data, 'satisfaction')) || 0,
			worked: formString(data, 'worked'),
			change: formString(data, 'change')
		});
		if (!parsed.success) return refuseForm(400, { code: 'feedback_invalid' });
		await submitFeedback({
			workshopId: access.workshop.id,
			userId: access.userId,
			category: access.category,
			...parsed.data
		});
		return { sent: true };
	}
};
