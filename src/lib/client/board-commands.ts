import type { BoardController } from './board-controller.svelte.ts';
import type { BoardAction } from './shortcuts.ts';

/** What the page around the board does for some commands. */
export interface CommandHost {
	/** A new object was created (to announce it). */
	created(): void;
	toggleOutline(): void;
	openHelp(): void;
}

/** Runs a board action (from a shortcut); returns false when it did not apply. */
export function runAction(board: BoardController, action: BoardAction, host: CommandHost): boolean {
	const create = (run: () => string | null) => {
		board.tool = 'select';
		if (run()) host.created();
		return true;
	};
	switch (action) {
		case 'new-note':
			return create(() => board.createAtCenter('sticky'));
		case 'new-text':
			return create(() => board.createAtCenter('text'));
		case 'new-rectangle':
			return create(() => board.createAtCenter('shape', { shape: 'rectangle' }));
		case 'new-ellipse':
			return create(() => board.createAtCenter('shape', { shape: 'ellipse' }));
		case 'new-diamond':
			return create(() => board.createAtCenter('shape', { shape: 'diamond' }));
		case 'new-frame':
			return create(() => board.createAtCenter('frame'));
		case 'tool-pen':
		case 'tool-connector':
		case 'tool-select': {
			const tool =
				action === 'tool-pen' ? 'pen' : action === 'tool-connector' ? 'connector' : 'select';
			board.tool = board.tool === tool ? 'select' : tool;
			return true;
		}
		default:
			return runViewAction(board, action, host);
	}
}

function runViewAction(board: BoardController, action: BoardAction, host: CommandHost): boolean {
	const actions: Partial<Record<BoardAction, () => void>> = {
		undo: () => board.undo(),
		redo: () => board.redo(),
		duplicate: () => board.duplicate(),
		'select-all': () => board.selectAll(),
		front: () => board.restack('front'),
		back: () => board.restack('back'),
		'zoom-fit': () => board.zoomToFit(),
		'zoom-selection': () => board.zoomToSelection(),
		'zoom-in': () => board.camera.step(1),
		'zoom-out': () => board.camera.step(-1),
		'zoom-reset': () => board.camera.resetZoom(),
		outline: () => host.toggleOutline(),
		help: () => host.openHelp()
	};
	const run = actions[action];
	if (!run) return false;
	run();
	return true;
}
