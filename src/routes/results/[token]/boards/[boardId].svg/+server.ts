import { boardToSvg } from '$lib/board/export/svg';
import { categoryLabel, translator } from '$lib/i18n';
import { failureResponse } from '$lib/server/http';
import { failure } from '$lib/server/services/failure';
import { publicBoard } from '$lib/server/services/publication';
import type { RequestHandler } from './$types';

/**
 * A chosen board of a published workshop as SVG, for anyone holding the address (no session).
 * Items carry their author's category only; uploaded images are drawn as empty boxes with their
 * description, never embedded (their bytes may hold camera or location metadata). 404 when the
 * token is unknown or unpublished, or the board was not chosen.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const board = await publicBoard({ token: params.token, boardId: params.boardId });
	if (!board) return failureResponse(failure(404, 'results_unknown', 'No such published board'));
	const t = translator(locals.locale);
	const svg = boardToSvg({
		doc: board.doc,
		frameId: null,
		title: board.title,
		// A category of fewer than PUBLIC_MIN_RESPONDENTS people is not named on its notes.
		categoryLabel: (category) =>
			category && !board.smallCategories.has(category) ? categoryLabel(t, category) : ''
	});
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'x-content-type-options': 'nosniff',
			// Unpublishing must take effect at once: nothing may keep a copy.
			'cache-control': 'no-store',
			'x-robots-tag': 'noindex',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
