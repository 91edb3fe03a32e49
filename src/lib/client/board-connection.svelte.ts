import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ItemIndex, changedItemIds } from '../board/item-index.ts';
import { itemsOf, type ItemView } from '../board/schema.ts';
import { CloseCode } from '../shared/close-codes.ts';
import { reasonOfCloseCode, type RefusalReason } from '../shared/refusals.ts';
import { SaveTracker, type SaveState } from './save-tracker.svelte.ts';
import type { Point } from './viewport.ts';

/** What the connection indicator shows. */
export type ConnectionStatus =
	'connecting' | 'connected' | 'offline' | 'unauthorized' | 'forbidden';

/** Another person's pointer on the board, from awareness. */
export interface RemoteCursor {
	clientId: number;
	name: string;
	category: string | null;
	color: string;
	/** Board coordinates. */
	x: number;
	y: number;
}

/** Another person's selection, from awareness (field `selection`). */
export interface RemoteSelection {
	clientId: number;
	name: string;
	color: string;
	ids: string[];
}

/** Most selected ids published or read from one awareness state. */
export const MAX_SHARED_SELECTION = 200;

/** Minimum delay between two cursor publications, in milliseconds (≈ 20 Hz). */
export const CURSOR_INTERVAL_MS = 50;

/**
 * Delay before reconnecting after the server closed with a 44xx code that is not about rights
 * (rate limit, oversized or malformed message), in milliseconds. y-websocket stops on 44xx.
 */
export const RECONNECT_AFTER_REFUSAL_MS = 5_000;

/** Origin of the transactions made by this browser's own edits. */
export const LOCAL_ORIGIN = Symbol('croisee-local-edit');

interface AwarenessUser {
	name?: unknown;
	category?: unknown;
	color?: unknown;
}

function readCursor(clientId: number, state: Record<string, unknown>): RemoteCursor | null {
	const cursor = state.cursor as Partial<Point> | null | undefined;
	const user = (state.user ?? {}) as AwarenessUser;
	if (!cursor || typeof cursor.x !== 'number' || typeof cursor.y !== 'number') return null;
	if (!Number.isFinite(cursor.x) || !Number.isFinite(cursor.y)) return null;
	return {
		clientId,
		name: typeof user.name === 'string' ? user.name : '?',
		category: typeof user.category === 'string' ? user.category : null,
		color:
			typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#55606e',
		x: cursor.x,
		y: cursor.y
	};
}

function readSelection(clientId: number, state: Record<string, unknown>): RemoteSelection | null {
	const ids = state.selection;
	if (!Array.isArray(ids) || ids.length === 0) return null;
	const user = (state.user ?? {}) as AwarenessUser;
	return {
		clientId,
		name: typeof user.name === 'string' ? user.name : '?',
		color:
			typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#55606e',
		ids: ids.filter((id): id is string => typeof id === 'string').slice(0, MAX_SHARED_SELECTION)
	};
}

/** Why the server refused a local edit (see `BoardConnection.refused`), in the shared vocabulary. */
export type EditRefusal = Extract<RefusalReason, 'locked' | 'limit' | 'too_large' | 'invalid'>;

/** The reasons of the close codes that refuse an edit for good (`REASON_OF_CLOSE_CODE`). */
const EDIT_REFUSALS: ReadonlySet<RefusalReason> = new Set<EditRefusal>([
	'locked',
	'limit',
	'too_large',
	'invalid'
]);

/** The edit refusal a close code stands for, or null when the connection may simply reconnect. */
function editRefusalOf(code: number): EditRefusal | null {
	// Only a fresh document (a new client id) can write again: the board is opened afresh.
	if (code === CloseCode.ClientIdTaken) return 'invalid';
	const reason = reasonOfCloseCode(code);
	return reason && EDIT_REFUSALS.has(reason) ? (reason as EditRefusal) : null;
}

/** The save state of a board shown without a connection: nothing of it is ever sent. */
const NOTHING_TO_SAVE = { state: 'saved' as SaveState, destroy: () => undefined };

/**
 * One board's live document: the `Y.Doc`, its y-websocket provider on `/yjs/<boardId>` (session
 * cookie), the awareness (cursors) and reactive views of both, refreshed at most once per frame.
 * Create it in the browser only, and call `destroy()` when leaving the board.
 */
export class BoardConnection {
	readonly doc: Y.Doc;
	/** The y-websocket provider; null for a read-only view of a recorded document (`offline`). */
	readonly provider: WebsocketProvider | null;
	readonly awareness: Awareness;
	/** Whether this browser's edits are stored on the server. */
	readonly save: Pick<SaveTracker, 'state' | 'destroy'>;
	/** Every item in paint order (the same list as `listItems`, kept up to date by `ItemIndex`). */
	items = $state.raw<ItemView[]>([]);
	/** Cursors of the other people on the board. */
	cursors = $state.raw<RemoteCursor[]>([]);
	/** What the other people have selected. */
	selections = $state.raw<RemoteSelection[]>([]);
	status = $state<ConnectionStatus>('connecting');
	/** True once the first full sync with the server is done. */
	synced = $state(false);
	/**
	 * Why the server refused a local edit, once it did: something locked (4423), the board's limits
	 * (4507: objects or size; 4413: a text or value too large), or an edit it cannot accept (4422).
	 * This document then holds a change the server will never take, and sending it again would be
	 * refused again: the connection stays closed, and the owner opens the board afresh.
	 */
	refused = $state<EditRefusal | null>(null);

	#frame = 0;
	/** The first sync arrived: `synced` turns true once its items are listed. */
	#syncPending = false;
	#itemsDirty = false;
	readonly #index = new ItemIndex();
	#cursorsDirty = false;
	#cursorTimer: ReturnType<typeof setTimeout> | null = null;
	#reconnectTimer: ReturnType<typeof setTimeout> | null = null;
	#cursorLastSent = 0;
	#cursorPending: Point | null | undefined = undefined;

	/**
	 * `offline`: a read-only view of `doc` as it is (the replay of a recorded board): no provider,
	 * no websocket, no awareness sent anywhere; it counts as synced at once.
	 */
	constructor(input: { boardId: string; serverUrl?: string; offline?: { doc: Y.Doc } }) {
		if (input.offline) {
			this.doc = input.offline.doc;
			this.provider = null;
			this.awareness = new Awareness(this.doc);
			this.save = NOTHING_TO_SAVE;
		} else {
			this.doc = new Y.Doc();
			// disableBc: every update goes through the server, which authorises and records it.
			this.provider = new WebsocketProvider(
				input.serverUrl ?? defaultServerUrl(),
				input.boardId,
				this.doc,
				{
					disableBc: true
				}
			);
			this.awareness = this.provider.awareness;
			this.save = new SaveTracker({ provider: this.provider, doc: this.doc });
			this.provider.on('status', this.#onStatus);
			this.provider.on('sync', this.#onSync);
			this.provider.on('closed', this.#onClosed);
		}
		itemsOf(this.doc).observeDeep(this.#onItems);
		this.awareness.on('change', this.#onAwareness);
		if (input.offline) this.#onSync(true);
	}

	#onItems = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
		this.#index.markChanged(changedItemIds(events, itemsOf(this.doc)));
		this.#itemsDirty = true;
		this.#schedule();
	};

	#onAwareness = () => {
		this.#cursorsDirty = true;
		this.#schedule();
	};

	#onStatus = ({ status }: { status: string }) => {
		if (this.status === 'unauthorized' || this.status === 'forbidden') return;
		this.status =
			status === 'connected' ? 'connected' : status === 'connecting' ? this.#waiting() : 'offline';
	};

	#onSync = (synced: boolean) => {
		if (!synced) {
			this.synced = false;
			return;
		}
		// The whole board just arrived, applied in one long task: list and render it on the next
		// frame, in a task of its own, so that typing never waits for both at once.
		this.#syncPending = true;
		this.#itemsDirty = true;
		this.#index.markChanged(null);
		this.#schedule();
	};

	#onClosed = ({ code }: { code: number }) => {
		if (code === CloseCode.Unauthorized) this.status = 'unauthorized';
		else if (code === CloseCode.Forbidden || code === CloseCode.NotFound) this.status = 'forbidden';
		else if (editRefusalOf(code)) this.refused = editRefusalOf(code);
		else {
			this.status = 'offline';
			this.#reconnectTimer = setTimeout(() => {
				this.#reconnectTimer = null;
				this.provider?.connect();
			}, RECONNECT_AFTER_REFUSAL_MS);
		}
	};

	/** Before the first connection: "connecting"; afterwards a lost link reads "offline". */
	#waiting(): ConnectionStatus {
		return this.status === 'connecting' ? 'connecting' : 'offline';
	}

	#schedule() {
		if (this.#frame) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			if (this.#itemsDirty) {
				this.#itemsDirty = false;
				// Only the objects that changed are read again (see ItemIndex).
				this.items = this.#index.refresh(this.doc);
			}
			// The items may also have been listed by `refreshItems` (a note created meanwhile).
			if (this.#syncPending) {
				this.#syncPending = false;
				this.synced = true;
			}
			if (this.#cursorsDirty) {
				this.#cursorsDirty = false;
				this.cursors = this.#readCursors();
				this.selections = this.#readSelections();
			}
		});
	}

	#readCursors(): RemoteCursor[] {
		const own = this.doc.clientID;
		const cursors: RemoteCursor[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			if (clientId === own) continue;
			const cursor = readCursor(clientId, state);
			if (cursor) cursors.push(cursor);
		}
		return cursors;
	}

	#readSelections(): RemoteSelection[] {
		const own = this.doc.clientID;
		const selections: RemoteSelection[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			if (clientId === own) continue;
			const selection = readSelection(clientId, state);
			if (selection) selections.push(selection);
		}
		return selections;
	}

	/** Publishes this person's selection (awareness field `selection`), so others see it outlined. */
	setSelection(ids: readonly string[]): void {
		this.awareness.setLocalStateField('selection', ids.slice(0, MAX_SHARED_SELECTION));
	}

	/**
	 * Publishes this person's pointer (board coordinates, or null when it leaves the board), at most
	 * every `CURSOR_INTERVAL_MS`; the last position is always sent.
	 */
	setCursor(point: Point | null): void {
		this.#cursorPending = point ? { x: Math.round(point.x), y: Math.round(point.y) } : null;
		if (this.#cursorTimer) return;
		const wait = this.#cursorLastSent + CURSOR_INTERVAL_MS - Date.now();
		if (wait <= 0) this.#flushCursor();
		else this.#cursorTimer = setTimeout(() => this.#flushCursor(), wait);
	}

	#flushCursor() {
		this.#cursorTimer = null;
		if (this.#cursorPending === undefined) return;
		this.#cursorLastSent = Date.now();
		this.awareness.setLocalStateField('cursor', this.#cursorPending);
		this.#cursorPending = undefined;
	}

	/** Recomputes `items` now rather than on the next frame (e.g. to focus a note just created). */
	refreshItems(): void {
		this.#itemsDirty = false;
		this.items = this.#index.rebuild(this.doc);
	}

	/** Runs `edit` as one local transaction (one update sent to the server). */
	transact(edit: (doc: Y.Doc) => void): void {
		this.doc.transact(() => edit(this.doc), LOCAL_ORIGIN);
	}

	/** Closes the socket and frees the document. */
	destroy(): void {
		if (this.#frame) cancelAnimationFrame(this.#frame);
		if (this.#cursorTimer) clearTimeout(this.#cursorTimer);
		if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
		itemsOf(this.doc).unobserveDeep(this.#onItems);
		this.awareness.off('change', this.#onAwareness);
		this.provider?.off('status', this.#onStatus);
		this.provider?.off('sync', this.#onSync);
		this.provider?.off('closed', this.#onClosed);
		this.save.destroy();
		if (this.provider) this.provider.destroy();
		else this.awareness.destroy();
		this.doc.destroy();
	}
}

/** `ws(s)://<this host>/yjs`: the Yjs endpoint of the server that served the page. */
export function defaultServerUrl(): string {
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${location.host}/yjs`;
}
