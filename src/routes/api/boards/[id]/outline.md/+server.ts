import { boardExportResponse } from '$lib/server/export/board-export-response';
import type { RequestHandler } from './$types';

/** The board's outline as Markdown (frames, then objects with category and votes). */
export const GET: RequestHandler = (event) => boardExportResponse(event, 'md');
