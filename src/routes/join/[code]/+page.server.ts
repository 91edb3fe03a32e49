import { redirect } from '@sveltejs/kit';
import { fieldErrors, formString } from '$lib/server/forms';
import { isFailure, refuseForm, refusePageWith, startSession } from '$lib/server/http';
import { findInviteFrom, joinWithInvite } from '$lib/server/services/invites';
import { joinInput } from '$lib/shared/validation';
import type { Actions, PageServerLoad } from './$types';

/** Unknown links are a 404 page, revoked, expired or archived ones a 410 page (see `+error`). */
async function inviteOrError(code: string, address: string) {
	const invite = await findInviteFrom({ code, address });
	if (isFailure(invite)) refusePageWith(invite);
	return invite;
}

/** What the link leads to, and the name to suggest (a returning guest's or an account's). */
export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const invite = await inviteOrError(params.code, getClientAddress());
	return {
		boardTitle: invite.boardTitle,
		role: invite.role,
		fixedCategory: invite.category,
		categories: invite.categories,
		purpose: invite.purpose,
		suggestedName: locals.user?.name ?? ''
	};
};

export const actions: Actions = {
	/** Joins with a display name and a category, signs a new guest in, then opens the board. */
	default: async (event) => {
		const invite = await inviteOrError(event.params.code, event.getClientAddress());
		const data = await event.request.formData();
		const values = {
			name: formString(data, 'name'),
			category: invite.category ?? formString(data, 'category')
		};
		const parsed = joinInput.safeParse(values);
		const known = invite.categories.includes(values.category);
		if (!parsed.success || (!invite.category && !known)) {
			const errors = parsed.success ? {} : fieldErrors(parsed.error);
			if (!invite.category && !known) errors.category = 'category_invalid';
			return refuseForm(400, { values, errors, code: null });
		}
		const joined = await joinWithInvite({
			invite,
			userId: event.locals.user?.id ?? null,
			name: parsed.data.name,
			category: parsed.data.category
		});
		if (isFailure(joined))
			return refuseForm(joined.status, { values, errors: {}, code: joined.code });
		if (joined.newGuestId) await startSession(event, joined.newGuestId);
		if (joined.waiting) redirect(303, `/workshops/${joined.workshopId}/waiting`);
		// Evaluators read the archive: its replay, not the board.
		if (invite.role === 'evaluator') redirect(303, `/workshops/${joined.workshopId}/replay`);
		redirect(303, `/boards/${joined.boardId}`);
	}
};
