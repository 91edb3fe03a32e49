import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createItem, createSticky, type ItemView } from '../board/schema.ts';
import { BoardController, NUDGE_STEP } from './board-controller.svelte.ts';
import { CanvasItemState, DRAG_THRESHOLD_PX, type ItemKey } from './canvas-item.svelte.ts';

/** Node has no frames: the board's refresh and the drag's writes run on a 16 ms timer instead. */
const FRAME_MS = 16;

/** A board with two notes, opened without any connection, and the state of the first one. */
function boardWithNotes(readOnly = false) {
	const doc = new Y.Doc();
	const first = createSticky(doc, { x: 100, y: 100, text: 'Un banc' });
	const second = createSticky(doc, { x: 600, y: 100, text: 'De l’ombre' });
	const board = new BoardController({ boardId: 'b1', readOnly, category: null, offline: { doc } });
	vi.advanceTimersByTime(FRAME_MS);
	const itemOf = (id: string) => board.byId.get(id) as ItemView;
	const cell = new CanvasItemState({ item: () => itemOf(first), board: () => board });
	return { doc, board, first, second, cell, itemOf };
}

const press = { pointerId: 1, clientX: 10, clientY: 10, shiftKey: false };
const key = (name: string, modifiers: Partial<ItemKey> = {}): ItemKey => ({
	key: name,
	shiftKey: false,
	altKey: false,
	ctrlKey: false,
	metaKey: false,
	...modifiers
});

beforeEach(() => {
	vi.useFakeTimers();
	vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, FRAME_MS));
	vi.stubGlobal('cancelAnimationFrame', (frame: number) => clearTimeout(frame));
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('CanvasItemState', () => {
	it('follows the selection and editing of its board, and fits a note’s text', () => {
		const { board, first, cell } = boardWithNotes();
		expect(cell.id).toBe(first);
		expect(cell.selected).toBe(false);
		cell.focused();
		expect(cell.selected).toBe(true);
		expect(cell.beginEditing()).toBe(true);
		expect(cell.editing).toBe(true);
		expect(board.editingId).toBe(first);
		expect(cell.hasText).toBe(true);
		expect(cell.fontSize).toBeGreaterThan(0);
		expect(cell.ends).toBeNull();
	});

	it('drags the whole selection once the pointer passed the threshold, zoom taken into account', () => {
		const { board, first, second, cell, itemOf } = boardWithNotes();
		board.setSelection([second]);
		expect(cell.press({ ...press, shiftKey: true })).toBe('grabbed');
		expect(board.selection).toEqual([second, first]);
		cell.move({ pointerId: 1, clientX: 10 + DRAG_THRESHOLD_PX - 1, clientY: 10 });
		expect(cell.dragging).toBe(false);
		board.camera.camera = { ...board.camera.camera, zoom: 2 };
		cell.move({ pointerId: 2, clientX: 500, clientY: 500 });
		expect(cell.dragging).toBe(false);
		cell.move({ pointerId: 1, clientX: 50, clientY: 30 });
		expect(cell.dragging).toBe(true);
		cell.release(1);
		vi.advanceTimersByTime(FRAME_MS);
		expect(cell.dragging).toBe(false);
		expect(itemOf(first)).toMatchObject({ x: 120, y: 110 });
		expect(itemOf(second)).toMatchObject({ x: 620, y: 110 });
		board.undoManager.undo();
		vi.advanceTimersByTime(FRAME_MS);
		expect(itemOf(first)).toMatchObject({ x: 100, y: 100 });
	});

	it('only selects on a read-only board: nothing to drag, edit, delete or nudge', () => {
		const { board, first, cell } = boardWithNotes(true);
		expect(cell.press(press)).toBe('selected');
		expect(board.selection).toEqual([first]);
		expect(cell.beginEditing()).toBe(false);
		expect(cell.key(key('Delete'))).toBeNull();
		expect(cell.key(key('ArrowLeft'))).toBeNull();
		expect(cell.key(key('Escape'))).toBe('deselected');
		expect(board.selection).toEqual([]);
	});

	it('nudges with the arrows (Shift: five steps), resizes with Alt, edits with Enter', () => {
		const { board, first, cell, itemOf } = boardWithNotes();
		const before = itemOf(first);
		expect(cell.key(key('ArrowRight'))).toBe('moved');
		expect(board.selection).toEqual([first]);
		expect(cell.key(key('ArrowDown', { shiftKey: true }))).toBe('moved');
		// The object as drawn (refreshed once per frame) is what Alt resizes from.
		vi.advanceTimersByTime(FRAME_MS);
		expect(cell.key(key('ArrowLeft', { altKey: true }))).toBe('moved');
		vi.advanceTimersByTime(FRAME_MS);
		expect(itemOf(first)).toMatchObject({
			x: before.x + NUDGE_STEP,
			y: before.y + NUDGE_STEP * 5
		});
		expect(itemOf(first).w).toBeLessThan(before.w);
		expect(cell.key(key('ArrowRight', { ctrlKey: true }))).toBeNull();
		expect(cell.key(key('Enter'))).toBe('edit');
		expect(cell.key(key('Backspace'))).toBe('delete');
	});

	it('casts a dot on a click or V during a vote round, Shift taking one back', () => {
		const { board, first, cell } = boardWithNotes();
		const dots: string[] = [];
		board.voting = {
			cast: (itemId) => dots.push(itemId),
			retract: (itemId) => dots.splice(dots.indexOf(itemId), 1),
			dotsOn: (itemId) => dots.filter((dot) => dot === itemId).length
		};
		expect(cell.press(press)).toBe('voted');
		expect(cell.key(key('v'))).toBe('voted');
		expect(dots).toEqual([first, first]);
		expect(cell.key(key('Enter', { shiftKey: true }))).toBe('voted');
		expect(dots).toEqual([first]);
		expect(board.selection).toEqual([]);
	});

	it('takes the focus request meant for it, once', () => {
		const { board, first, second, cell } = boardWithNotes();
		board.focusRequest = { id: second, edit: true };
		expect(cell.claimFocusRequest()).toBeNull();
		board.focusRequest = { id: first, edit: true };
		expect(cell.claimFocusRequest()).toEqual({ edit: true });
		expect(board.focusRequest).toBeNull();
		expect(cell.claimFocusRequest()).toBeNull();
	});

	it('opens a collapsed frame on a double click, and finds a connector’s ends', () => {
		const { doc, board, first, second } = boardWithNotes();
		const frameId = createItem(doc, {
			type: 'frame',
			x: 0,
			y: 0,
			w: 400,
			h: 300,
			collapsed: true
		});
		const connectorId = createItem(doc, {
			type: 'connector',
			x: 0,
			y: 0,
			w: 1,
			h: 1,
			start: { item: first },
			end: { item: second }
		});
		vi.advanceTimersByTime(FRAME_MS);
		const frame = new CanvasItemState({
			item: () => board.byId.get(frameId) as ItemView,
			board: () => board
		});
		const connector = new CanvasItemState({
			item: () => board.byId.get(connectorId) as ItemView,
			board: () => board
		});
		expect(frame.votable).toBe(false);
		expect(frame.expand()).toBe(true);
		vi.advanceTimersByTime(FRAME_MS);
		expect(board.byId.get(frameId)?.collapsed).toBe(false);
		expect(frame.expand()).toBe(false);
		expect(connector.hasText).toBe(false);
		// Its ends are relative to its own box, which spans both notes' centres.
		const note = board.byId.get(first) as ItemView;
		const line = board.byId.get(connectorId) as ItemView;
		expect(connector.ends?.from).toEqual({
			x: note.x + note.w / 2 - line.x,
			y: note.y + note.h / 2 - line.y
		});
		expect(connector.ends?.to.x).toBe(500);
	});
});
