import * as Y from 'yjs';
import { itemsOf } from '../../src/lib/board/schema.ts';
import type { CategoryLookup, ClientOwnerLookup } from './update-guard.ts';

/**
 * What the server attributes on one open board, for `update-guard.ts`: which person owns each Yjs
 * client id (`ClientOwners`, loaded from `board_clients` and grown as people write), and which
 * category each object was created under (`CategoryIndex`, kept from the document itself).
 */

/** Client id → user id on one board. */
export class ClientOwners implements ClientOwnerLookup {
	readonly #owners = new Map<number, string>();
	/** Client ids the database was asked about and holds no owner for (written before bindings). */
	readonly #unboundInDatabase = new Set<number>();

	constructor(rows: ReadonlyArray<{ clientId: number; userId: string }> = []) {
		this.load(rows);
	}

	/** Adds bindings read from the database (an id already known keeps its owner). */
	load(rows: ReadonlyArray<{ clientId: number; userId: string }>): void {
		for (const { clientId, userId } of rows) {
			if (!this.#owners.has(clientId)) this.#owners.set(clientId, userId);
			this.#unboundInDatabase.delete(clientId);
		}
	}

	ownerOf(clientId: number): string | undefined {
		return this.#owners.get(clientId);
	}

	/** Binds `clientId` to `userId` (the caller stores it with the update that uses it). */
	bind(clientId: number, userId: string): void {
		this.#owners.set(clientId, userId);
		this.#unboundInDatabase.delete(clientId);
	}

	/** Records that the database holds no owner for these ids (see `Room`). */
	markUnboundInDatabase(clientIds: readonly number[]): void {
		for (const clientId of clientIds) {
			if (!this.#owners.has(clientId)) this.#unboundInDatabase.add(clientId);
		}
	}

	/** True when the database was asked about `clientId` and holds no owner for it. */
	knownUnbound(clientId: number): boolean {
		return this.#unboundInDatabase.has(clientId);
	}
}

/**
 * Object id → the category it was created under, for every object the document has held while the
 * room was open (deleted ones included, so that an undo restoring a note keeps its category). Fed
 * by the document's `items` map: what it holds when loaded (every stored category was checked when
 * written), then each object added, by whomever.
 */
export class CategoryIndex implements CategoryLookup {
	readonly #categories = new Map<string, string | null>();
	readonly #items: Y.Map<Y.Map<unknown>>;

	constructor(doc: Y.Doc) {
		this.#items = itemsOf(doc);
		for (const [id, item] of this.#items) this.#remember(id, item);
		this.#items.observe(this.#onItems);
	}

	has(itemId: string): boolean {
		return this.#categories.has(itemId);
	}

	categoryOf(itemId: string): string | null {
		return this.#categories.get(itemId) ?? null;
	}

	/** Stops following the document. */
	destroy(): void {
		this.#items.unobserve(this.#onItems);
	}

	#remember(id: string, item: unknown): void {
		if (this.#categories.has(id) || !(item instanceof Y.Map)) return;
		const category: unknown = item.get('category');
		this.#categories.set(id, typeof category === 'string' ? category : null);
	}

	readonly #onItems = (event: Y.YMapEvent<Y.Map<unknown>>): void => {
		for (const [id, change] of event.changes.keys) {
			if (change.action !== 'delete') this.#remember(id, this.#items.get(id));
		}
	};
}
