import { boardExportResponse } from '$lib/server/export/board-export-response';
import type { RequestHandler } from './$types';

/** The board as PDF (`?frame=<id>`: one frame), for the people who may read it. */
export const GET: RequestHandler = (event) => boardExportResponse(event, 'pdf');
