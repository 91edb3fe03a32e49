import { boardExportResponse } from '$lib/server/export/board-export-response';
import type { RequestHandler } from './$types';

/** The board's items as CSV: text, type, frame, category, votes, created at. */
export const GET: RequestHandler = (event) => boardExportResponse(event, 'csv');
