import { describe, expect, it } from 'vitest';
import type { BoardController } from './board-controller.svelte.ts';
import { CanvasCamera } from './camera.svelte.ts';
import { CanvasPointer } from './canvas-pointer.svelte.ts';
import type { Point, Rect } from './viewport.ts';

/** The parts of a board the pointer uses, recording what it asked for. */
function fakeBoard(tool: 'select' | 'pen' | 'connector' = 'select') {
	const calls: { marquee?: Rect; selection?: string[]; stroke?: Point[]; link?: unknown[] } = {};
	const board = {
		camera: new CanvasCamera(),
		readOnly: false,
		tool,
		setSelection: (ids: string[]) => (calls.selection = ids),
		selectInRect: (rect: Rect) => (calls.marquee = rect),
		addStroke: (points: Point[]) => (calls.stroke = points),
		addConnector: (...ends: unknown[]) => (calls.link = ends)
	};
	return { board: board as unknown as BoardController, calls };
}

const mouse = { pointerId: 1, pointerType: 'mouse', shiftKey: false };

describe('canvas pointer', () => {
	it('selects with a marquee in board units, and clears the selection on a plain click', () => {
		const { board, calls } = fakeBoard();
		board.camera.camera = { x: 0, y: 0, zoom: 2 };
		const pointer = new CanvasPointer(board);
		pointer.start(mouse, { x: 100, y: 100 }, false, null);
		pointer.move(mouse, { x: 300, y: 200 });
		expect(pointer.marquee).toEqual({ x: 50, y: 50, w: 100, h: 50 });
		pointer.end(mouse, null);
		expect(calls.marquee).toEqual({ x: 50, y: 50, w: 100, h: 50 });
		pointer.start(mouse, { x: 10, y: 10 }, false, null);
		pointer.end(mouse, null);
		expect(calls.selection).toEqual([]);
	});

	it('draws a stroke with the pen and joins two objects with the arrow tool', () => {
		const pen = fakeBoard('pen');
		const drawing = new CanvasPointer(pen.board);
		drawing.start(mouse, { x: 0, y: 0 }, false, null);
		drawing.move(mouse, { x: 1, y: 0 });
		drawing.move(mouse, { x: 10, y: 5 });
		drawing.end(mouse, null);
		expect(pen.calls.stroke).toEqual([
			{ x: 0, y: 0 },
			{ x: 10, y: 5 }
		]);
		const arrow = fakeBoard('connector');
		const linking = new CanvasPointer(arrow.board);
		linking.start(mouse, { x: 0, y: 0 }, false, 'a');
		linking.move(mouse, { x: 200, y: 0 });
		linking.end(mouse, 'b');
		expect(arrow.calls.link).toEqual([{ item: 'a' }, { item: 'b' }]);
	});

	it('pans with one finger and pinch-zooms with two', () => {
		const { board } = fakeBoard();
		const pointer = new CanvasPointer(board);
		const finger = (pointerId: number) => ({ pointerId, pointerType: 'touch', shiftKey: false });
		expect(pointer.touchDown(1, { x: 100, y: 100 })).toBe(false);
		pointer.start(finger(1), { x: 100, y: 100 }, false, null);
		pointer.touchMove(1, { x: 130, y: 90 });
		pointer.move(finger(1), { x: 130, y: 90 });
		expect(board.camera.camera).toEqual({ x: 30, y: -10, zoom: 1 });
		expect(pointer.touchDown(2, { x: 200, y: 100 })).toBe(true);
		pointer.touchMove(2, { x: 300, y: 100 });
		// The fingers went from 70.7 to 170.3 pixels apart.
		expect(board.camera.camera.zoom).toBeCloseTo(Math.hypot(170, 10) / Math.hypot(70, 10));
		pointer.touchUp(2);
		expect(pointer.pinching).toBe(false);
	});
});
