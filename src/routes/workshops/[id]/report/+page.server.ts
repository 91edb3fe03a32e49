import { redirect } from '@sveltejs/kit';
import { isFailure, refusePage, refusePageWith } from '$lib/server/http';
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
	if (isFailure(access)) refusePageWith(access);
	const figures = await workshopFiguresFor({ workshopId: access.workshop.id });
	if (!figures) refusePage(404, 'workshop_unknown', 'No such workshop');
	return {
		workshopId: access.workshop.id,
		figures,
		programme: await programmeOfWorkshop(access.workshop.id)
	};
};
