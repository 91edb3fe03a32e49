import { failureResponse, isFailure } from '$lib/server/http';
import { reportToPdf } from '$lib/server/export/report-pdf';
import { reportReaderOfRoute } from '$lib/server/report-guard';
import { reportBoards, reportFacilitators } from '$lib/server/services/report-pdf-data';
import { workshopFiguresFor } from '$lib/server/services/figures';
import { failure } from '$lib/server/services/failure';
import { seesPseudonyms } from '$lib/server/services/pseudonyms';
import { translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The workshop report as a PDF in the reader's language (facilitators, evaluators). */
export const GET: RequestHandler = async (event) => {
	const access = await reportReaderOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const workshopId = access.workshop.id;
	const figures = await workshopFiguresFor({ workshopId });
	if (!figures) return failureResponse(failure(404, 'workshop_unknown', 'No such workshop'));
	const { locale } = event.locals;
	// Facilitators sign the report; a reader who sees pseudonyms sees no name, theirs included.
	const pseudonyms = seesPseudonyms({
		role: access.role,
		evaluatorsSeeNames: access.workshop.evaluatorsSeeNames
	});
	const bytes = await reportToPdf({
		figures,
		t: translator(locale),
		locale,
		facilitators: pseudonyms ? [] : await reportFacilitators(workshopId),
		boards: await reportBoards(workshopId)
	});
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': 'attachment; filename="report.pdf"',
			'cache-control': 'private, no-store'
		}
	});
};
