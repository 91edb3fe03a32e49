import { redirect } from '@sveltejs/kit';
import { membershipStatus } from '$lib/server/services/people';
import { getWorkshop } from '$lib/server/services/workshops';
import type { PageServerLoad } from './$types';

/** The waiting room: once admitted, straight to the workshop's first board. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.user) redirect(303, '/');
	const status = await membershipStatus({ workshopId: params.id, userId: locals.user.id });
	const workshop = status === 'none' ? null : await getWorkshop(params.id);
	const first = workshop?.boards[0];
	if (status === 'active' && first) redirect(303, `/boards/${first.id}`);
	return { status, title: workshop?.title ?? '' };
};
