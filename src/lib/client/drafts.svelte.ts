import * as Y from 'yjs';
import {
	STICKY_SIZE,
	createSticky,
	itemAt,
	itemText,
	itemsOf,
	listItems,
	type ItemView,
	type NoteColor
} from '../board/schema.ts';
import { freeSpot } from './placement.ts';
import type { Point } from './viewport.ts';

/** Origin of the changes that came from the server (never sent back). */
const REMOTE = Symbol('draft-remote');
/** Origin of this tab's own changes (typing, moves). */
export const DRAFT_LOCAL = Symbol('draft-local');
/** Changes are sent to the server at most this often, merged (typing sends one update per pause). */
const SEND_EVERY_MS = 300;

/**
 * One person's private notes during a silent brainstorm, in the browser: a `Y.Doc` that only the
 * server and this person's tabs see (`draft:update`, kept in `board_drafts`). Notes are created on
 * the canvas where the person puts them, typed, moved and removed; at the reveal the server copies
 * them into the shared board at the same place, with the person's category and no name.
 */
export class PrivateDrafts {
	/** The notes, as the canvas draws them. */
	items = $state.raw<ItemView[]>([]);
	/** A note just created, whose text should take the focus. */
	focusRequest = $state<string | null>(null);
	/** True when the server refused the last change (the brainstorm ended meanwhile). */
	refused = $state(false);
	/** True once the server stored every change of this tab. */
	saved = $state(true);

	#doc = new Y.Doc();
	#pending: Uint8Array[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** The send in flight: sends go one after the other, in order. */
	#sending: Promise<boolean> = Promise.resolve(true);
	readonly #send: (update: Uint8Array) => Promise<boolean>;

	constructor(send: (update: Uint8Array) => Promise<boolean>) {
		this.#send = send;
		this.#watch();
	}

	#watch(): void {
		const doc = this.#doc;
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (doc !== this.#doc) return;
			this.items = listItems(doc);
			if (origin === REMOTE) return;
			this.saved = false;
			this.#pending.push(update);
			this.#timer ??= setTimeout(() => void this.flush(), SEND_EVERY_MS);
		});
	}

	/** Sends what is not sent yet, now; resolves to false when the server refused it. */
	flush(): Promise<boolean> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#pending.length === 0) return this.#sending;
		const update = Y.mergeUpdates(this.#pending);
		this.#pending = [];
		this.#sending = this.#sending.then(async () => {
			const ok = await this.#send(update);
			this.refused = !ok;
			if (this.#pending.length === 0) this.saved = ok;
			return ok;
		});
		return this.#sending;
	}

	/** Applies the server's state or another tab's change. */
	applyRemote(update: Uint8Array): void {
		Y.applyUpdate(this.#doc, update, REMOTE);
	}

	/** Forgets every note (they were revealed into the board). */
	clear(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = [];
		this.#doc.destroy();
		this.#doc = new Y.Doc();
		this.#watch();
		this.items = [];
		this.refused = false;
		this.saved = true;
	}

	/**
	 * Creates a note centred near `at` (board point), clear of `others` (the board's objects and the
	 * other drafts), and asks for its focus. Returns its id.
	 */
	create(input: {
		at: Point;
		others: readonly { x: number; y: number; w: number; h: number }[];
		category: string | null;
		text?: string;
		color?: NoteColor;
	}): string {
		const centres = [...input.others, ...this.items].map((item) => ({
			x: item.x + item.w / 2,
			y: item.y + item.h / 2
		}));
		const centre = freeSpot(centres, input.at);
		const id = createSticky(this.#doc, {
			x: Math.round(centre.x - STICKY_SIZE.w / 2),
			y: Math.round(centre.y - STICKY_SIZE.h / 2),
			text: input.text,
			category: input.category,
			color: input.color
		});
		this.focusRequest = id;
		return id;
	}

	/** Moves a note to a board point (its top-left corner). */
	move(id: string, to: Point): void {
		const item = itemAt(this.#doc, id);
		if (!item) return;
		this.#doc.transact(() => {
			item.set('x', Math.round(to.x));
			item.set('y', Math.round(to.y));
		}, DRAFT_LOCAL);
	}

	/** Removes a note. */
	remove(id: string): void {
		this.#doc.transact(() => itemsOf(this.#doc).delete(id), DRAFT_LOCAL);
	}

	/** A note's text, to bind to a textarea. */
	text(id: string): Y.Text | null {
		return itemText(this.#doc, id);
	}
}
