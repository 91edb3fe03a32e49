import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { loadBoardInto } from '../history/store.ts';
import type { EmbeddedImage } from '../../board/export/svg.ts';
import { listItems, type ItemView } from '../../board/schema.ts';
import { appContext } from '../context.ts';
import { files, voteRounds, votes } from '../db/schema.ts';
import { boardAccess, type BoardAccess } from './boards.ts';
import { failure, type Failure } from './failure.ts';

/**
 * What every board export (SVG, PDF, CSV, Markdown) reads: the board's document as stored, its
 * items, the dots of its closed vote rounds and its images' bytes, after checking that the caller
 * may read the board.
 */

/** A board loaded for export. */
export interface ExportableBoard {
	access: BoardAccess;
	doc: Y.Doc;
	items: ItemView[];
	/** Dots per item over the board's closed rounds (open rounds stay secret until closed). */
	votes: Map<string, number>;
	/** Bytes of the images the board shows, by file id. */
	images: Map<string, EmbeddedImage>;
}

/**
 * The board, when `userId` may read it: facilitators, participants and observers of the workshop
 * (peer-group rules included), evaluators once the workshop is archived.
 */
export async function readableBoard(input: {
	userId: string;
	boardId: string;
}): Promise<ExportableBoard | Failure> {
	const access = await boardAccess(input);
	if (!access) return failure(404, 'board_unknown', 'No such board');
	if (access.role === 'evaluator' && !access.archived) {
		return failure(403, 'evaluator_archived_only', 'Evaluators read a workshop once archived');
	}
	const doc = new Y.Doc();
	await loadBoardInto(doc, input.boardId);
	const items = listItems(doc);
	return {
		access,
		doc,
		items,
		votes: await closedRoundVotes(input.boardId),
		images: await boardImages(input.boardId, items)
	};
}

/** Dots per item over the closed rounds of a board. */
export async function closedRoundVotes(boardId: string): Promise<Map<string, number>> {
	const rows = await appContext()
		.db.select({ itemId: votes.itemId, dots: count() })
		.from(votes)
		.innerJoin(voteRounds, eq(voteRounds.id, votes.roundId))
		.where(and(eq(voteRounds.boardId, boardId), isNotNull(voteRounds.closedAt)))
		.groupBy(votes.itemId);
	return new Map(rows.map((row) => [row.itemId, Number(row.dots)]));
}

async function boardImages(
	boardId: string,
	items: readonly ItemView[]
): Promise<Map<string, EmbeddedImage>> {
	const ids = [...new Set(items.flatMap((item) => (item.file ? [item.file] : [])))];
	if (ids.length === 0) return new Map();
	const rows = await appContext()
		.db.select({ id: files.id, contentType: files.contentType, bytes: files.bytes })
		.from(files)
		.where(and(eq(files.boardId, boardId), inArray(files.id, ids)));
	return new Map(rows.map((row) => [row.id, { contentType: row.contentType, bytes: row.bytes }]));
}
