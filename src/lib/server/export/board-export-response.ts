import type { RequestEvent } from '@sveltejs/kit';
import { itemsToCsv, type CsvLabels } from '../../board/export/items-csv.ts';
import { outlineToMarkdown } from '../../board/export/outline-markdown.ts';
import { boardToSvg } from '../../board/export/svg.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { categoryLabel, translator, type Translate } from '../../i18n/index.ts';
import { itemTypeLabel } from '../../i18n/labels.ts';
import { failureResponse, isFailure, requireUser } from '../http.ts';
import { readableBoard, type ExportableBoard } from '../services/board-export.ts';
import { boardToPdf } from './board-pdf.ts';

/** The board export formats served under `/api/boards/:id/`. */
export type BoardExportFormat = 'svg' | 'pdf' | 'md' | 'csv';

const CONTENT_TYPES: Record<BoardExportFormat, string> = {
	svg: 'image/svg+xml; charset=utf-8',
	pdf: 'application/pdf',
	md: 'text/markdown; charset=utf-8',
	csv: 'text/csv; charset=utf-8'
};

/** An ASCII file name from a board title (accents dropped), never empty. */
export function fileNameOf(title: string, extension: string): string {
	const base = title
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `${base || 'board'}.${extension}`;
}

/** The CSV's column names and values in the reader's language. */
function csvLabels(t: Translate, locale: string): CsvLabels {
	return {
		columns: [
			t('csv_text'),
			t('csv_type'),
			t('csv_frame'),
			t('csv_category'),
			t('csv_votes'),
			t('csv_created_at')
		],
		type: (type) => itemTypeLabel(t, type),
		category: (category) => (category ? categoryLabel(t, category) : ''),
		date: (at) => formatDateTime(locale, at)
	};
}

async function body(
	board: ExportableBoard,
	format: BoardExportFormat,
	event: RequestEvent
): Promise<string | Uint8Array> {
	const t = translator(event.locals.locale);
	const label = (category: string | null) => (category ? categoryLabel(t, category) : '');
	const frameId = event.url.searchParams.get('frame');
	const scene = { doc: board.doc, frameId, categoryLabel: label, images: board.images };
	if (format === 'svg') return boardToSvg({ ...scene, title: board.access.title });
	if (format === 'pdf') {
		return boardToPdf({ ...scene, title: board.access.title, emoji: t('outputs_emoji_fallback') });
	}
	if (format === 'csv') {
		const labels = csvLabels(t, event.locals.locale);
		const separator = event.url.searchParams.get('separator') === 'semicolon' ? ';' : ',';
		return itemsToCsv({ items: board.items, votes: board.votes, labels, separator });
	}
	return outlineToMarkdown({
		title: board.access.title,
		items: board.items,
		votes: board.votes,
		labels: {
			outside: t('export_outside_frames'),
			untitled: t('export_untitled'),
			votes: (n) => t('export_votes', { count: n }),
			category: label
		}
	});
}

/**
 * Serves one export of a board as a download, after checking that the caller may read it
 * (`?frame=<id>` limits SVG and PDF to one frame; `?separator=semicolon` gives a `;`-separated CSV). Errors are `{ error, code }` JSON.
 */
export async function boardExportResponse(
	event: RequestEvent,
	format: BoardExportFormat
): Promise<Response> {
	const user = requireUser(event.locals);
	if (isFailure(user)) return failureResponse(user);
	const boardId = event.params.id ?? '';
	const board = await readableBoard({ userId: user.id, boardId });
	if (isFailure(board)) return failureResponse(board);
	const content = await body(board, format, event);
	const name = fileNameOf(board.access.title, format);
	return new Response(content as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${name}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store',
			// An SVG opened from this URL must not run anything (it holds user text).
			'content-security-policy':
				"default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
		}
	});
}
