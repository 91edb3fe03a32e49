import { failureResponse, isFailure } from '$lib/server/http';
import { reportToPdf } from '$lib/server/export/report-pdf';
import { reportReaderOfRoute } from '$lib/server/report-guard';
import { workshopFiguresFor } from '$lib/server/services/figures';
import { failure } from '$lib/server/services/failure';
import { translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The session report as a PDF in the reader's language (facilitators, evaluators). */
export const GET: RequestHandler = async (event) => {
	const access = await reportReaderOfRoute(event);
	if (isFailure(access)) return failureResponse(access);
	const figures = await workshopFiguresFor({ workshopId: access.workshop.id });
	if (!figures) return failureResponse(failure(404, 'workshop_unknown', 'No such workshop'));
	const { locale } = event.locals;
	const bytes = await reportToPdf({ figures, t: translator(locale), locale });
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': 'attachment; filename="report.pdf"',
			'cache-control': 'private, no-store'
		}
	});
};
