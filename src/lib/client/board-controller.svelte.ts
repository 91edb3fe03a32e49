import * as Y from 'yjs';
import { align, distribute, type Alignment, type Axis } from '../board/layout.ts';
import {
	bringItemsToFront,
	deleteItems,
	moveItems,
	placeItems,
	reparent,
	resizeItem,
	sendItemsToBack,
	setCollapsed,
	setColors,
	setStickySize,
	withDescendants
} from '../board/operations.ts';
import {
	DEFAULT_SIZES,
	createItem,
	itemsOf,
	zRange,
	type Endpoint,
	type ItemType,
	type ItemView,
	type NewItem,
	type StickySize
} from '../board/schema.ts';
import { duplicateItems } from '../board/transfer.ts';
import { generateKeyBetween } from 'fractional-indexing';
import { BoardConnection, LOCAL_ORIGIN } from './board-connection.svelte.ts';
import { CanvasCamera } from './camera.svelte.ts';
import { BoardPresence } from './presence.svelte.ts';
import {
	containsRect,
	frameAt,
	freeRect,
	hiddenByCollapse,
	indexById,
	pickItems,
	topLevel,
	union,
	withItems,
	obstacles
} from './placement.ts';
import { boundingRect, cullToRect, intersects, type Point, type Rect } from './viewport.ts';

/** Distance a selection moves on one arrow key press, in board units (Shift: × 5). */
export const NUDGE_STEP = 10;
/** Width of pen strokes, in board units. */
export const PEN_WIDTH = 4;
/** Local edits closer together than this form one undo step, in milliseconds. */
export const UNDO_CAPTURE_MS = 500;

/** What a pointer drag on the canvas does. */
export type Tool = 'select' | 'pen' | 'connector';

/** Dot voting on the canvas, while a round is open (see `BoardController.voting`). */
export interface DotVoting {
	/** Casts one of this person's dots on an object. */
	cast(itemId: string): void;
	/** Takes one of this person's dots back from an object. */
	retract(itemId: string): void;
	/** How many of this person's dots an object holds. */
	dotsOn(itemId: string): number;
}

/**
 * Everything one open board needs in the browser: the live document, presence, the camera, the
 * selection, undo, and the edits the UI makes (each one transaction with the local origin, so one
 * update on the wire and one undo step that never touches other people's work).
 */
export class BoardController {
	readonly camera = new CanvasCamera();
	readonly connection: BoardConnection;
	readonly presence: BoardPresence;
	readonly undoManager: Y.UndoManager;
	readonly boardId: string;
	/** True for observers, evaluators and archived boards: nothing may change. */
	readonly #readOnly: boolean;
	/** Category written on the objects this person creates. */
	readonly category: string | null;
	/**
	 * True once this person edited anything: the one-time centring on the content is then skipped,
	 * whenever it would have come (the first sync on a slow link, the canvas's first size), so the
	 * view never moves under someone already at work.
	 */
	#edited = false;

	/** Selected item ids, the last one being the primary (keyboard focus, resize handles). */
	selection = $state.raw<string[]>([]);
	/** The item whose text has the focus, if any. */
	editingId = $state<string | null>(null);
	/** An item that should take the focus once rendered (`edit`: its text). */
	focusRequest = $state.raw<{ id: string; edit: boolean } | null>(null);
	/**
	 * While a dot-voting round is open for this person: clicking an object (or V / Enter on it)
	 * casts a dot, Shift takes one back; null otherwise (set by the board page).
	 */
	voting = $state.raw<DotVoting | null>(null);
	/** What a drag on the canvas does. */
	tool = $state<Tool>('select');
	canUndo = $state(false);
	canRedo = $state(false);
	/**
	 * True while the facilitation locks the whole board for this person: edits are not even tried
	 * (the server would refuse them and drop the connection), the tools show the locked state.
	 */
	locked = $state(false);

	/** True while nothing may change here: a read-only role or board, or a facilitation lock. */
	get readOnly(): boolean {
		return this.#readOnly || this.locked;
	}

	/** Every item by id (connectors find their ends here). */
	readonly byId: Map<string, ItemView>;
	/** The selected items as rendered data, in paint order. */
	readonly selectedItems: ItemView[];
	/** The primary selected item, or null. */
	readonly selected: ItemView | null;
	/** Items inside collapsed frames: not drawn on the canvas. */
	readonly hidden: Set<string>;
	/** The items to render: those near the viewport and not collapsed, plus the selected ones. */
	readonly visibleItems: ItemView[];

	/** `offline`: shows `doc` without any connection (the replay; see `BoardConnection`). */
	constructor(input: {
		boardId: string;
		readOnly: boolean;
		category: string | null;
		offline?: { doc: Y.Doc };
	}) {
		this.boardId = input.boardId;
		this.#readOnly = input.readOnly;
		this.category = input.category;
		const { boardId, offline } = input;
		this.connection = new BoardConnection({ boardId, offline });
		this.presence = new BoardPresence({ boardId, offline: Boolean(offline) });
		this.undoManager = new Y.UndoManager(itemsOf(this.connection.doc), {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs's own option, not state
			trackedOrigins: new Set([LOCAL_ORIGIN]),
			captureTimeout: UNDO_CAPTURE_MS
		});
		const onStack = () => {
			this.canUndo = this.undoManager.canUndo();
			this.canRedo = this.undoManager.canRedo();
		};
		this.undoManager.on('stack-item-added', onStack);
		this.undoManager.on('stack-item-popped', onStack);
		this.undoManager.on('stack-cleared', onStack);
		this.byId = $derived(indexById(this.connection.items));
		this.selectedItems = $derived.by(() => {
			return pickItems(this.connection.items, this.selection);
		});
		this.selected = $derived(
			this.connection.items.find((item) => item.id === this.selection.at(-1)) ?? null
		);
		this.hidden = $derived(hiddenByCollapse(this.connection.items));
		this.visibleItems = $derived.by(() => {
			const hidden = this.hidden;
			const near = cullToRect(this.connection.items, this.camera.renderRect).filter(
				(item) => !hidden.has(item.id)
			);
			return withItems(near, this.selectedItems);
		});
	}

	/** The primary selected id (compatibility with single-selection callers). */
	get selectedId(): string | null {
		return this.selection.at(-1) ?? null;
	}

	set selectedId(id: string | null) {
		this.setSelection(id ? [id] : []);
	}

	/** Replaces the selection and tells the others (awareness field `selection`). */
	setSelection(ids: string[]): void {
		const same =
			ids.length === this.selection.length && ids.every((id, i) => this.selection[i] === id);
		if (same) return;
		this.selection = ids;
		this.connection.setSelection(ids);
	}

	/** Click: selects one item; Shift-click (`additive`) adds it or takes it out. */
	select(id: string, additive = false): void {
		if (!additive) {
			if (!this.selection.includes(id)) this.setSelection([id]);
			return;
		}
		const rest = this.selection.filter((other) => other !== id);
		this.setSelection(rest.length === this.selection.length ? [...rest, id] : rest);
	}

	/** Selects every visible item whose box meets a board rectangle (marquee). */
	selectInRect(rect: Rect, additive: boolean): void {
		const hidden = this.hidden;
		const hits = this.connection.items
			.filter((item) => !hidden.has(item.id) && intersects(item, rect))
			.filter((item) => item.type !== 'frame' || containsRect(rect, item))
			.map((item) => item.id);
		this.setSelection(additive ? union(this.selection, hits) : hits);
	}

	/** Selects everything that is not hidden in a collapsed frame. */
	selectAll(): void {
		this.setSelection(this.connection.items.filter((i) => !this.hidden.has(i.id)).map((i) => i.id));
	}

	/**
	 * Runs an edit as one local transaction, unless the board is read-only. Each edit is its own
	 * undo step, except with `merge` (the writes of one drag), which joins the step going on.
	 */
	edit(run: (doc: Y.Doc) => void, merge = false): boolean {
		if (this.readOnly) return false;
		this.#edited = true;
		if (!merge) this.undoManager.stopCapturing();
		this.connection.transact(run);
		if (!merge) this.undoManager.stopCapturing();
		return true;
	}

	/**
	 * Brings the board's content into view once, after the first sync (people open a board on
	 * screens of every size): centred, and zoomed out to fit when it is larger than the view (a
	 * board made from a template). Returns true once done. A person who already wrote before the
	 * board arrived (a slow link) keeps the view they are working in: it is not moved under them.
	 */
	centerOnContent(): boolean {
		if (!this.connection.synced || this.camera.width === 0) return false;
		if (this.#edited) return true;
		const content = boundingRect(this.connection.items.filter((i) => !this.hidden.has(i.id)));
		if (!content) return true;
		const { zoom } = this.camera.camera;
		const tooLarge = content.w * zoom > this.camera.width || content.h * zoom > this.camera.height;
		if (tooLarge) this.camera.fit(content);
		else this.camera.centerOn({ x: content.x + content.w / 2, y: content.y + content.h / 2 });
		return true;
	}

	/**
	 * While set (a silent brainstorm, for participants), new notes go there, to the person's private
	 * drafts, instead of the shared board.
	 */
	draftSink: ((point: Point, extras: Partial<NewItem>) => string) | null = null;

	/** Creates an object centred on a board point, selects it and asks for the focus. */
	createAt(type: ItemType, point: Point, extras: Partial<NewItem> = {}): string | null {
		if (this.readOnly) return null;
		if (type === 'sticky' && this.draftSink) return this.draftSink(point, extras);
		const size = { w: extras.w ?? DEFAULT_SIZES[type].w, h: extras.h ?? DEFAULT_SIZES[type].h };
		const wanted = { x: point.x - size.w / 2, y: point.y - size.h / 2, ...size };
		// A frame may go over objects (it goes under them); anything else takes the nearest free
		// space around the view's centre, never on top of another object.
		const spot =
			type === 'frame'
				? { x: Math.round(wanted.x), y: Math.round(wanted.y) }
				: freeRect({
						boxes: obstacles(this.connection.items),
						want: wanted,
						within: frameAt(this.connection.items, point)
					});
		let id = '';
		this.edit((doc) => {
			// A frame goes under everything, so the objects it will hold stay visible.
			const z = type === 'frame' ? generateKeyBetween(null, zRange(doc).min) : undefined;
			id = createItem(doc, { ...extras, type, ...spot, ...size, z, category: this.category });
			reparent(doc, [id]);
		});
		// Rendered at once, so that its text has the focus before the next key press.
		this.connection.refreshItems();
		this.setSelection([id]);
		this.focusRequest = { id, edit: type !== 'stroke' && type !== 'connector' };
		return id;
	}

	/** Creates a note centred on a board point. */
	createNoteAt(point: Point): string | null {
		return this.createAt('sticky', point);
	}

	/** Creates an object at the centre of the visible area (keyboard and toolbar). */
	createAtCenter(type: ItemType, extras: Partial<NewItem> = {}): string | null {
		return this.createAt(type, this.camera.center(), extras);
	}

	/** Creates a note at the centre of the visible area. */
	createNoteAtCenter(): string | null {
		return this.createAtCenter('sticky');
	}

	/** Joins the two last selected items with a connector (the keyboard way to draw an arrow). */
	connectSelection(): string | null {
		const [a, b] = this.selection.slice(-2);
		if (this.selection.length < 2 || !a || !b) return null;
		return this.addConnector({ item: a }, { item: b });
	}

	/** Adds a pen stroke through board points (the tool's colour: ink). */
	addStroke(points: readonly Point[]): void {
		const box = boundingRect(points.map((p) => ({ ...p, w: 0, h: 0 })));
		if (!box) return;
		const flat = points.flatMap((p) => [Math.round(p.x - box.x), Math.round(p.y - box.y)]);
		this.edit((doc) => {
			const id = createItem(doc, {
				type: 'stroke',
				x: box.x,
				y: box.y,
				w: Math.max(1, box.w),
				h: Math.max(1, box.h),
				points: flat,
				strokeWidth: PEN_WIDTH,
				category: this.category
			});
			reparent(doc, [id]);
		});
	}

	/** Adds a connector between two ends (attached to items or free points). */
	addConnector(start: Endpoint, end: Endpoint): string | null {
		let id: string | null = null;
		this.edit((doc) => {
			id = createItem(doc, { type: 'connector', x: 0, y: 0, start, end, category: this.category });
		});
		if (id) this.setSelection([id]);
		return id;
	}

	/**
	 * Moves the given items (or the selection) by a board distance; frames carry their children.
	 * `settle` false (during a drag) leaves frame membership to `settleMoved`.
	 */
	moveBy(dx: number, dy: number, ids: string[] = this.selection, settle = true): void {
		if (ids.length === 0 || (dx === 0 && dy === 0)) return;
		this.edit((doc) => moveItems(doc, { ids, dx, dy, reparent: settle }), !settle);
	}

	/** After a drag: the moved objects join the frame they were dropped in (or leave theirs). */
	settleMoved(ids: string[] = this.selection): void {
		this.edit((doc) => reparent(doc, withDescendants(doc, ids)), true);
	}

	/** Moves one item to a point (its top-left corner). */
	move(id: string, point: Point): void {
		const item = this.connection.items.find((candidate) => candidate.id === id);
		if (item) this.moveBy(point.x - item.x, point.y - item.y, [id]);
	}

	/** Moves the selection by a board distance (keyboard). */
	nudge(dx: number, dy: number): void {
		this.moveBy(dx, dy);
	}

	/** Resizes one item to a board box. */
	resize(id: string, box: Rect, merge = false): void {
		this.edit((doc) => resizeItem(doc, { id, ...box }), merge);
	}

	/** A drag starts: its writes (merged) form one undo step, apart from what came before. */
	beginGesture(): void {
		this.undoManager.stopCapturing();
	}

	/** Paints one item above the others, unless it already is on top. */
	raise(id: string): void {
		const items = this.connection.items;
		if (items[items.length - 1]?.id === id) return;
		this.edit((doc) => bringItemsToFront(doc, [id]), true);
	}

	/** Brings the selection to the front or sends it to the back. */
	restack(where: 'front' | 'back'): void {
		const ids = this.selection;
		if (ids.length === 0) return;
		this.edit((doc) => (where === 'front' ? bringItemsToFront : sendItemsToBack)(doc, ids));
	}

	/** Recolours the selection. */
	setColor(color: string): void {
		const ids = this.selection;
		if (ids.length > 0) this.edit((doc) => setColors(doc, { ids, color }));
	}

	/** Gives the selected sticky notes a standard size. */
	setStickySize(size: StickySize): void {
		const ids = this.selectedItems.filter((i) => i.type === 'sticky').map((i) => i.id);
		this.edit((doc) => ids.forEach((id) => setStickySize(doc, { id, size })));
	}

	/** Collapses or opens a frame. */
	setCollapsed(id: string, collapsed: boolean): void {
		this.edit((doc) => setCollapsed(doc, { id, collapsed }));
	}

	/** Lines the selection up (two objects or more). */
	align(how: Alignment): void {
		const placement = align(this.selectedItems, how);
		if (placement.size > 0) this.edit((doc) => placeItems(doc, placement));
	}

	/** Spreads the selection evenly (three objects or more). */
	distribute(axis: Axis): void {
		const placement = distribute(this.selectedItems, axis);
		if (placement.size > 0) this.edit((doc) => placeItems(doc, placement));
	}

	/** Duplicates the selection next to itself and selects the copies. */
	duplicate(): void {
		let ids: string[] = [];
		const selection = this.selection;
		if (selection.length === 0) return;
		this.edit((doc) => (ids = duplicateItems(doc, { ids: selection, category: this.category })));
		this.connection.refreshItems();
		this.setSelection(topLevel(this.connection.items, ids));
	}

	/** Deletes the selection; true when something was deleted. */
	deleteSelected(): boolean {
		const ids = this.selection;
		if (ids.length === 0 || !this.edit((doc) => deleteItems(doc, ids))) return false;
		this.setSelection([]);
		this.editingId = null;
		return true;
	}

	/** Undoes this person's last change (never someone else's). */
	undo(): void {
		if (!this.readOnly) this.undoManager.undo();
	}

	/** Redoes this person's last undone change. */
	redo(): void {
		if (!this.readOnly) this.undoManager.redo();
	}

	/** Shows every object (or the middle of the board when it is empty). */
	zoomToFit(): void {
		const content = boundingRect(this.connection.items.filter((i) => !this.hidden.has(i.id)));
		if (content) this.camera.fit(content);
	}

	/** Shows the selected objects. */
	zoomToSelection(): void {
		const box = boundingRect(this.selectedItems);
		if (box) this.camera.fit(box);
	}

	/** Closes both connections. */
	destroy(): void {
		this.undoManager.destroy();
		this.connection.destroy();
		this.presence.destroy();
	}
}
