import {
	exportItems,
	importItems,
	parseClipboard,
	pastedLines,
	pastedNoteSpot,
	textToNotes,
	type ClipboardPayload
} from '../board/transfer.ts';
import { STICKY_SIZE } from '../board/schema.ts';
import type { BoardController } from './board-controller.svelte.ts';
import { topLevel } from './placement.ts';
import { boundingRect, type Point } from './viewport.ts';

/**
 * Copy and paste of board objects through the system clipboard: a JSON payload as `text/plain`
 * (so it survives between boards, tabs and browsers), and plain text pasted as one note per line.
 */

/** The clipboard text of the selection, or null when nothing is selected. */
export function copySelection(board: BoardController): string | null {
	if (board.selection.length === 0) return null;
	return JSON.stringify(exportItems(board.connection.doc, board.selection, board.boardId));
}

/** Copies the selection, then deletes it. */
export function cutSelection(board: BoardController): string | null {
	const text = copySelection(board);
	if (text) board.deleteSelected();
	return text;
}

/**
 * Copies into this board the files of the images a payload brings from another board (a file
 * belongs to one board); returns source id → copy id, leaving out those the server refused.
 */
async function copyFiles(board: BoardController, payload: ClipboardPayload) {
	const copies = new Map<string, string>();
	if (!payload.board || payload.board === board.boardId) return copies;
	const fileIds = new Set(payload.items.flatMap((item) => (item.file ? [item.file] : [])));
	await Promise.all(
		[...fileIds].map(async (fileId) => {
			const response = await fetch(`/api/boards/${board.boardId}/files/copy`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ fromBoardId: payload.board, fileId })
			}).catch(() => null);
			if (response?.status !== 201) return;
			const { id } = (await response.json()) as { id: string };
			copies.set(fileId, id);
		})
	);
	return copies;
}

/**
 * Pastes clipboard text centred on `at` (board point): Croisée objects keep their layout (images
 * from another board get their own copy of the file), any other text becomes notes. Selects what
 * was pasted and resolves to the number of objects created.
 */
export async function pasteText(board: BoardController, text: string, at: Point): Promise<number> {
	if (board.readOnly || !text.trim()) return 0;
	const payload = parseClipboard(text);
	const sink = board.draftSink;
	if (!payload && sink) {
		// During a silent brainstorm, pasted lines are private ideas, like any new note.
		const lines = pastedLines(text);
		lines.forEach((line, i) => {
			const corner = pastedNoteSpot(at, i);
			sink({ x: corner.x + STICKY_SIZE.w / 2, y: corner.y + STICKY_SIZE.h / 2 }, { text: line });
		});
		return lines.length;
	}
	const files = payload ? await copyFiles(board, payload) : new Map<string, string>();
	let ids: string[] = [];
	board.edit((doc) => {
		if (payload) {
			const box = boundingRect(payload.items) ?? { x: 0, y: 0, w: 0, h: 0 };
			ids = importItems(doc, {
				payload,
				dx: Math.round(at.x - (box.x + box.w / 2)),
				dy: Math.round(at.y - (box.y + box.h / 2)),
				category: board.category,
				sameBoard: payload.board === board.boardId,
				files
			});
		} else {
			ids = textToNotes(doc, { text, at, category: board.category });
		}
	});
	board.connection.refreshItems();
	board.setSelection(topLevel(board.connection.items, ids));
	return ids.length;
}
