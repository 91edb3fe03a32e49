import {
	STICKY_SIZE,
	bringToFront,
	createSticky,
	deleteItem,
	moveItem,
	setItemColor,
	type ItemView,
	type NoteColor
} from '../board/schema.ts';
import { BoardConnection } from './board-connection.svelte.ts';
import { CanvasCamera } from './camera.svelte.ts';
import { BoardPresence } from './presence.svelte.ts';
import { boundingRect, cullToRect, type Point } from './viewport.ts';

/** Distance a note moves on one arrow key press, in board units (Shift: × 5). */
export const NUDGE_STEP = 10;
/** Offset between notes created at the same spot, in board units, so none hides another. */
export const CASCADE_STEP = 24;

/**
 * Where a new note whose top-left corner is wanted at `at` goes: moved down and right by
 * `CASCADE_STEP` while a note already sits (almost) exactly there.
 */
export function freeSpot(items: readonly { x: number; y: number }[], at: Point): Point {
	let spot = { x: Math.round(at.x), y: Math.round(at.y) };
	const taken = (p: Point) =>
		items.some(
			(item) =>
				Math.abs(item.x - p.x) < CASCADE_STEP / 2 && Math.abs(item.y - p.y) < CASCADE_STEP / 2
		);
	for (let i = 0; i < 50 && taken(spot); i++) {
		spot = { x: spot.x + CASCADE_STEP, y: spot.y + CASCADE_STEP };
	}
	return spot;
}

/**
 * Everything one open board needs in the browser: the live document, presence, the camera, the
 * selection, and the edits the UI makes (each one transaction, so one update on the wire).
 */
export class BoardController {
	readonly camera = new CanvasCamera();
	readonly connection: BoardConnection;
	readonly presence: BoardPresence;
	/** True for observers, evaluators and archived boards: nothing may change. */
	readonly readOnly: boolean;
	/** Category written on the notes this person creates. */
	readonly category: string | null;

	/** The selected note, if any. */
	selectedId = $state<string | null>(null);
	/** The note whose text has the focus, if any. */
	editingId = $state<string | null>(null);
	/** A note that should take the focus once rendered (`edit`: its text). */
	focusRequest = $state.raw<{ id: string; edit: boolean } | null>(null);

	/** The selected note as rendered data, or null. */
	readonly selected: ItemView | null;
	/** The items to render: those near the viewport, plus the selected one (it may hold focus). */
	readonly visibleItems: ItemView[];

	constructor(input: { boardId: string; readOnly: boolean; category: string | null }) {
		this.readOnly = input.readOnly;
		this.category = input.category;
		this.connection = new BoardConnection({ boardId: input.boardId });
		this.presence = new BoardPresence({ boardId: input.boardId });
		this.selected = $derived(
			this.connection.items.find((item) => item.id === this.selectedId) ?? null
		);
		this.visibleItems = $derived.by(() => {
			const near = cullToRect(this.connection.items, this.camera.renderRect);
			const selected = this.selected;
			if (selected && !near.includes(selected)) near.push(selected);
			return near;
		});
	}

	/**
	 * Brings the board's content into view once, after the first sync (people open a board on
	 * screens of every size). Returns true once done.
	 */
	centerOnContent(): boolean {
		if (!this.connection.synced || this.camera.width === 0) return false;
		const content = boundingRect(this.connection.items);
		if (content)
			this.camera.centerOn({ x: content.x + content.w / 2, y: content.y + content.h / 2 });
		return true;
	}

	/** Creates a note centred on a board point, selects it and asks for its text to take focus. */
	createNoteAt(point: Point): string | null {
		if (this.readOnly) return null;
		let id = '';
		const spot = freeSpot(this.connection.items, {
			x: point.x - STICKY_SIZE.w / 2,
			y: point.y - STICKY_SIZE.h / 2
		});
		this.connection.transact((doc) => {
			id = createSticky(doc, { ...spot, category: this.category });
		});
		// Rendered at once, so that its text has the focus before the next key press.
		this.connection.refreshItems();
		this.selectedId = id;
		this.focusRequest = { id, edit: true };
		return id;
	}

	/** Creates a note at the centre of the visible area. */
	createNoteAtCenter(): string | null {
		return this.createNoteAt(this.camera.center());
	}

	/** Moves a note (one `moveItem`, one update). */
	move(id: string, point: Point): void {
		if (this.readOnly) return;
		this.connection.transact((doc) => moveItem(doc, { id, x: point.x, y: point.y }));
	}

	/** Moves a note by a board distance (keyboard). */
	nudge(id: string, dx: number, dy: number): void {
		const item = this.connection.items.find((candidate) => candidate.id === id);
		if (item) this.move(id, { x: item.x + dx, y: item.y + dy });
	}

	/** Paints a note above the others, unless it already is on top. */
	raise(id: string): void {
		if (this.readOnly) return;
		const items = this.connection.items;
		if (items[items.length - 1]?.id === id) return;
		this.connection.transact((doc) => bringToFront(doc, id));
	}

	/** Recolours the selected note. */
	setColor(color: NoteColor): void {
		const id = this.selectedId;
		if (this.readOnly || !id) return;
		this.connection.transact((doc) => setItemColor(doc, { id, color }));
	}

	/** Deletes the selected note; true when one was deleted. */
	deleteSelected(): boolean {
		const id = this.selectedId;
		if (this.readOnly || !id) return false;
		this.connection.transact((doc) => deleteItem(doc, id));
		this.selectedId = null;
		this.editingId = null;
		return true;
	}

	/** Closes both connections. */
	destroy(): void {
		this.connection.destroy();
		this.presence.destroy();
	}
}
