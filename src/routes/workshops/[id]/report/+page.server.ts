import { error, redirect } from '@sveltejs/kit';
import { isFailure } from '$lib/server/http';
import { reportReaderOfRoute } from '$lib/server/report-guard';
import { workshopFiguresFor } from '$lib/server/services/figures';
import { programmeOfWorkshop } from '$lib/server/services/programmes';
import type { PageServerLoad } from './$types';

/** The workshop report: its figures and its programme, if any (facilitators and evaluators). */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	}
	const access = await reportReaderOfRoute(event);
	if (isFailure(access)) error(access.status, { message: access.message, code: access.code });
	const figures = await workshopFiguresFor({ workshopId: access.workshop.id });
	if (!figures) error(404, { message: 'No such workshop', code: 'workshop_unknown' });
	return {
		workshopId: access.workshop.id,
		figures,
		programme: await programmeOfWorkshop(access.workshop.id)
	};
};
