import { fitFontSize } from '../board/layout.ts';
import { endpointPoint, type ItemView } from '../board/schema.ts';
import { NUDGE_STEP, type BoardController } from './board-controller.svelte.ts';
import { frameThrottle } from './frame-throttle.ts';
import type { Point } from './viewport.ts';

/** Pixels the pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD_PX = 3;
/** Arrow keys as unit moves. */
const MOVES: Record<string, [number, number]> = {
	ArrowLeft: [-1, 0],
	ArrowRight: [1, 0],
	ArrowUp: [0, -1],
	ArrowDown: [0, 1]
};

/** A pointer as the object sees it (screen pixels). */
export interface ItemPointer {
	pointerId: number;
	clientX: number;
	clientY: number;
}

/** A key pressed on the object itself (not in its text), with its modifiers. */
export interface ItemKey {
	key: string;
	shiftKey: boolean;
	altKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
}

/**
 * What a key on the object did, for the component to stop the event and move the focus:
 * `edit` and `delete` are left to it (the text field and the page's deletion), the rest is done.
 */
export type ItemKeyOutcome = 'voted' | 'edit' | 'deselected' | 'delete' | 'moved' | null;

/**
 * One object on the canvas: whether it is selected, edited or voted on, how its text fits, where a
 * connector's ends are, and what the pointer and keyboard do to it (select, vote, drag the whole
 * selection, nudge, resize). `CanvasItem.svelte` renders it and keeps the DOM side (focus, capture).
 */
export class CanvasItemState {
	readonly #item: () => ItemView;
	readonly #board: () => BoardController;

	/** True while the pointer drags the selection from this object. */
	dragging = $state(false);

	/** Its id (`item` is a new object on every document change). */
	readonly id: string;
	readonly selected: boolean;
	/** True while its text has the focus. */
	readonly editing: boolean;
	/** Frames and connectors are not voted on (a frame round limits the vote to a frame's objects). */
	readonly votable: boolean;
	/** This person's dots on it, during a vote round. */
	readonly myDots: number;
	/** Every object but strokes and connectors has a text. */
	readonly hasText: boolean;
	/** A note's font size so its text fits, in board units (null: not a note). */
	readonly fontSize: number | null;
	/** A connector's ends relative to its own origin (null: not a connector). */
	readonly ends: { from: Point; to: Point } | null;

	#press: (ItemPointer & { dx: number; dy: number }) | null = null;
	/** Writes the drag as moves of the whole selection, at most once per frame. */
	readonly #writeMove = frameThrottle((delta: { dx: number; dy: number }) => {
		const press = this.#press;
		if (!press) return;
		const board = this.#board();
		board.moveBy(delta.dx - press.dx, delta.dy - press.dy, board.selection, false);
		press.dx = delta.dx;
		press.dy = delta.dy;
	});

	constructor(input: { item: () => ItemView; board: () => BoardController }) {
		this.#item = input.item;
		this.#board = input.board;
		this.id = $derived(this.#item().id);
		this.selected = $derived(this.#board().selection.includes(this.id));
		this.editing = $derived(this.#board().editingId === this.id);
		this.votable = $derived(this.#item().type !== 'frame' && this.#item().type !== 'connector');
		this.myDots = $derived.by(() => {
			const voting = this.#board().voting;
			return voting && this.votable ? voting.dotsOn(this.id) : 0;
		});
		this.hasText = $derived(this.#item().type !== 'stroke' && this.#item().type !== 'connector');
		this.fontSize = $derived.by(() => {
			const item = this.#item();
			return item.type === 'sticky' ? fitFontSize(item.text, item.w - 20, item.h - 36) : null;
		});
		this.ends = $derived.by(() => {
			const item = this.#item();
			if (item.type !== 'connector') return null;
			const byId = this.#board().byId;
			const a = endpointPoint(item.start, byId) ?? { x: item.x, y: item.y };
			const b = endpointPoint(item.end, byId) ?? a;
			return {
				from: { x: a.x - item.x, y: a.y - item.y },
				to: { x: b.x - item.x, y: b.y - item.y }
			};
		});
	}

	/** The focus request meant for this object, taken (null: none). */
	claimFocusRequest(): { edit: boolean } | null {
		const board = this.#board();
		const request = board.focusRequest;
		if (!request || request.id !== this.id) return null;
		board.focusRequest = null;
		return { edit: request.edit && this.hasText };
	}

	/** Its text takes the focus for editing; false when nothing may change here. */
	beginEditing(): boolean {
		const board = this.#board();
		if (board.readOnly) return false;
		board.editingId = this.id;
		return true;
	}

	/** The object got the keyboard focus: it joins the selection if it was not in it. */
	focused(): void {
		const board = this.#board();
		if (!board.selection.includes(this.id)) board.select(this.id);
	}

	/** A double click on a collapsed frame opens it (true); elsewhere it edits the text (false). */
	expand(): boolean {
		const item = this.#item();
		if (item.type !== 'frame' || !item.collapsed) return false;
		this.#board().setCollapsed(this.id, false);
		return true;
	}

	/** During a vote round: casts a dot, or takes one back (`remove`); false when not voting here. */
	vote(remove: boolean): boolean {
		const voting = this.#board().voting;
		if (!voting || !this.votable) return false;
		if (remove) voting.retract(this.id);
		else voting.cast(this.id);
		return true;
	}

	/**
	 * A press with the select tool: a vote during a round, else a selection (Shift: added or taken
	 * out); `grabbed` when the press may become a drag of the selection.
	 */
	press(pointer: ItemPointer & { shiftKey: boolean }): 'voted' | 'selected' | 'grabbed' {
		if (this.vote(pointer.shiftKey)) return 'voted';
		const board = this.#board();
		board.select(this.id, pointer.shiftKey);
		if (board.readOnly || !board.selection.includes(this.id)) return 'selected';
		const { pointerId, clientX, clientY } = pointer;
		this.#press = { pointerId, clientX, clientY, dx: 0, dy: 0 };
		return 'grabbed';
	}

	/** The pointer moves: past `DRAG_THRESHOLD_PX` the selection follows it (one undo step). */
	move(pointer: ItemPointer): void {
		const press = this.#press;
		if (!press || pointer.pointerId !== press.pointerId) return;
		const dx = pointer.clientX - press.clientX;
		const dy = pointer.clientY - press.clientY;
		if (!this.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
		const board = this.#board();
		if (!this.dragging) {
			board.beginGesture();
			if (board.selection.length === 1 && this.#item().type !== 'frame') board.raise(this.id);
		}
		this.dragging = true;
		const zoom = board.camera.camera.zoom;
		this.#writeMove.push({ dx: Math.round(dx / zoom), dy: Math.round(dy / zoom) });
	}

	/** The pointer is up (or lost): the drag's last move is written and the objects settle. */
	release(pointerId: number): void {
		if (!this.#press || pointerId !== this.#press.pointerId) return;
		if (this.dragging) {
			this.#writeMove.flush();
			this.#board().settleMoved();
		}
		this.#press = null;
		this.dragging = false;
	}

	/** The object left the canvas (e.g. deleted by someone else mid-drag): nothing more is written. */
	destroy(): void {
		this.#writeMove.cancel();
	}

	/** A key on the object: votes, deselects, nudges or resizes (Alt) the selection. */
	key(input: ItemKey): ItemKeyOutcome {
		const board = this.#board();
		if ((input.key === 'Enter' || input.key.toLowerCase() === 'v') && this.vote(input.shiftKey))
			return 'voted';
		if ((input.key === 'Enter' || input.key === 'F2') && this.hasText) return 'edit';
		if (input.key === 'Escape') {
			board.setSelection([]);
			return 'deselected';
		}
		if (board.readOnly) return null;
		if (input.key === 'Delete' || input.key === 'Backspace') return 'delete';
		const move = MOVES[input.key];
		if (!move || input.ctrlKey || input.metaKey) return null;
		const step = input.shiftKey ? NUDGE_STEP * 5 : NUDGE_STEP;
		if (!board.selection.includes(this.id)) board.select(this.id);
		if (input.altKey) this.#resizeBy(move[0] * step, move[1] * step);
		else board.nudge(move[0] * step, move[1] * step);
		return 'moved';
	}

	#resizeBy(dw: number, dh: number): void {
		const item = this.#item();
		if (item.type === 'connector') return;
		this.#board().resize(this.id, { x: item.x, y: item.y, w: item.w + dw, h: item.h + dh });
	}
}
