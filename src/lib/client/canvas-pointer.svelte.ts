import type { BoardController } from './board-controller.svelte.ts';
import { pinch, rectFromPoints, type Point, type Rect } from './viewport.ts';

/** Board units between two recorded points of a pen stroke (fewer points, same look). */
export const PEN_MIN_STEP = 2;
/** Screen pixels a press must travel before it becomes a drag. */
export const DRAG_THRESHOLD_PX = 3;

type Gesture =
	| { kind: 'pan'; last: Point; moved: boolean }
	| { kind: 'marquee'; from: Point; to: Point; additive: boolean }
	| { kind: 'pen'; points: Point[] }
	| { kind: 'connector'; from: Point; to: Point; fromItem: string | null };

/**
 * What pointers do on the canvas background (objects handle their own drags): pan (touch, space,
 * middle button), marquee selection (mouse), pen strokes and connectors (tools), and two-finger
 * pinch-zoom and pan on touch screens. Coordinates are screen pixels relative to the canvas.
 */
export class CanvasPointer {
	/** The marquee rectangle (board units) while one is drawn. */
	marquee = $state.raw<Rect | null>(null);
	/** The pen stroke being drawn (board points). */
	ink = $state.raw<Point[] | null>(null);
	/** The connector being drawn (board points). */
	link = $state.raw<{ from: Point; to: Point } | null>(null);

	#gesture: Gesture | null = null;
	#pointerId = -1;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- fingers down, never rendered
	readonly #touches = new Map<number, Point>();
	#pinchFrom: { mid: Point; distance: number } | null = null;

	constructor(readonly board: BoardController) {}

	/** True while a touch gesture with two fingers is going on. */
	get pinching(): boolean {
		return this.#pinchFrom !== null;
	}

	/**
	 * Any finger touching the canvas (seen before objects handle it). Returns true when it is the
	 * second one: a pinch starts, and the caller stops the event there.
	 */
	touchDown(pointerId: number, at: Point): boolean {
		this.#touches.set(pointerId, at);
		if (this.#touches.size !== 2) return false;
		this.#cancelGesture();
		this.#pinchFrom = this.#twoFingers();
		return true;
	}

	/** A finger moved; returns true when it moved the pinch (the caller stops the event). */
	touchMove(pointerId: number, at: Point): boolean {
		if (!this.#touches.has(pointerId)) return false;
		this.#touches.set(pointerId, at);
		if (!this.#pinchFrom || this.#touches.size !== 2) return false;
		const now = this.#twoFingers();
		this.board.camera.camera = pinch(this.board.camera.camera, this.#pinchFrom, now);
		this.#pinchFrom = now;
		return true;
	}

	/** A finger left the screen. */
	touchUp(pointerId: number): void {
		this.#touches.delete(pointerId);
		if (this.#touches.size < 2) this.#pinchFrom = null;
	}

	/** A press on the background (or anywhere with the pen or connector tool). */
	start(
		event: { pointerId: number; pointerType: string; shiftKey: boolean },
		at: Point,
		forcePan: boolean,
		itemUnder: string | null
	): void {
		if (this.#pinchFrom) return;
		this.#pointerId = event.pointerId;
		const board = this.board.camera.toBoard(at);
		const tool = this.board.readOnly ? 'select' : this.board.tool;
		if (forcePan || (tool === 'select' && event.pointerType === 'touch')) {
			this.#gesture = { kind: 'pan', last: at, moved: false };
		} else if (tool === 'pen') {
			this.#gesture = { kind: 'pen', points: [board] };
			this.ink = [board];
		} else if (tool === 'connector') {
			this.#gesture = { kind: 'connector', from: board, to: board, fromItem: itemUnder };
		} else {
			this.#gesture = { kind: 'marquee', from: board, to: board, additive: event.shiftKey };
		}
	}

	/** A pointer moved; returns true when it was part of a gesture. */
	move(event: { pointerId: number }, at: Point): boolean {
		const gesture = this.#gesture;
		if (!gesture || event.pointerId !== this.#pointerId) return false;
		const board = this.board.camera.toBoard(at);
		if (gesture.kind === 'pan') {
			const dx = at.x - gesture.last.x;
			const dy = at.y - gesture.last.y;
			this.board.camera.pan(dx, dy);
			gesture.last = at;
			gesture.moved ||= Math.hypot(dx, dy) > 0;
		} else if (gesture.kind === 'marquee') {
			gesture.to = board;
			this.marquee = rectFromPoints(gesture.from, board);
		} else if (gesture.kind === 'pen') {
			const last = gesture.points[gesture.points.length - 1] as Point;
			if (Math.hypot(board.x - last.x, board.y - last.y) >= PEN_MIN_STEP) {
				gesture.points.push(board);
				this.ink = [...gesture.points];
			}
		} else {
			gesture.to = board;
			this.link = { from: gesture.from, to: board };
		}
		return true;
	}

	/** The pointer was released (or cancelled: `commit` false). */
	end(event: { pointerId: number }, itemUnder: string | null, commit = true): void {
		const gesture = this.#gesture;
		if (!gesture || event.pointerId !== this.#pointerId) return;
		this.#gesture = null;
		if (commit) this.#finish(gesture, itemUnder);
		this.marquee = null;
		this.ink = null;
		this.link = null;
	}

	#finish(gesture: Gesture, itemUnder: string | null): void {
		const board = this.board;
		if (gesture.kind === 'pan') {
			if (!gesture.moved) board.setSelection([]);
		} else if (gesture.kind === 'marquee') {
			const rect = rectFromPoints(gesture.from, gesture.to);
			if (rect.w * board.camera.camera.zoom < DRAG_THRESHOLD_PX) {
				if (!gesture.additive) board.setSelection([]);
			} else board.selectInRect(rect, gesture.additive);
		} else if (gesture.kind === 'pen') {
			if (gesture.points.length > 1) board.addStroke(gesture.points);
		} else {
			const far = Math.hypot(gesture.to.x - gesture.from.x, gesture.to.y - gesture.from.y);
			if (far * board.camera.camera.zoom < DRAG_THRESHOLD_PX) return;
			const end = itemUnder && itemUnder !== gesture.fromItem ? { item: itemUnder } : gesture.to;
			const start = gesture.fromItem ? { item: gesture.fromItem } : gesture.from;
			board.addConnector(start, end);
		}
	}

	#cancelGesture(): void {
		this.#gesture = null;
		this.marquee = null;
		this.ink = null;
		this.link = null;
	}

	#twoFingers(): { mid: Point; distance: number } {
		const [a, b] = [...this.#touches.values()] as [Point, Point];
		return {
			mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
			distance: Math.hypot(a.x - b.x, a.y - b.y)
		};
	}
}
