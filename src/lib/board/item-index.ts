import type * as Y from 'yjs';
import {
	byPaintOrder,
	itemAt,
	placeConnectors,
	readItem,
	readItems,
	type ItemMap,
	type ItemView
} from './schema.ts';

/**
 * The board's items as views for rendering, kept up to date item by item: after an edit only the
 * changed items are read again, and the list is re-sorted only when an item came, went or changed
 * its z. On a 5,000-object board a keystroke then costs a few objects, not the whole board.
 * `update` returns the same list `listItems` would.
 */
export class ItemIndex {
	/** Views as read (connectors not placed), by id. */
	#views = new Map<string, ItemView>();
	/** Views in paint order (connectors placed). */
	#order: ItemView[] = [];
	/** Items changed since the last refresh; null: read everything again. */
	#pending: Set<string> | null = new Set();

	/** Notes items to read again at the next `refresh` (null: all of them). */
	markChanged(ids: Iterable<string> | null): void {
		if (ids === null || this.#pending === null) this.#pending = null;
		else for (const id of ids) this.#pending.add(id);
	}

	/** Reads what changed since the last refresh (everything after `markChanged(null)`). */
	refresh(doc: Y.Doc): ItemView[] {
		const pending = this.#pending;
		this.#pending = new Set();
		return pending ? this.update(doc, pending) : this.rebuild(doc);
	}

	/** Reads every item again. */
	rebuild(doc: Y.Doc): ItemView[] {
		this.#pending = new Set();
		const views = readItems(doc);
		this.#views = new Map(views.map((view) => [view.id, view]));
		this.#order = placeConnectors(views, this.#views);
		return this.#order;
	}

	/** Reads the given items again (gone ones are dropped) and returns the list in paint order. */
	update(doc: Y.Doc, ids: Iterable<string>): ItemView[] {
		let reorder = false;
		for (const id of ids) {
			const map = itemAt(doc, id);
			const view = map ? readItem(id, map) : null;
			const old = this.#views.get(id);
			if (!view) {
				reorder ||= this.#views.delete(id);
				continue;
			}
			if (!old || old.z !== view.z) reorder = true;
			this.#views.set(id, view);
		}
		const views = reorder
			? [...this.#views.values()].sort(byPaintOrder)
			: this.#order.map((view) => this.#views.get(view.id) as ItemView);
		this.#order = placeConnectors(views, this.#views);
		return this.#order;
	}
}

/**
 * The ids of the items an `observeDeep` batch on the `items` map touched: keys of the map itself
 * (added, deleted, replaced items) and the item at the root of every nested change (a field, a
 * text). Null when the map itself was replaced wholesale (re-read everything).
 */
export function changedItemIds(events: Y.YEvent<Y.AbstractType<unknown>>[], items: Y.Map<ItemMap>) {
	const ids = new Set<string>();
	for (const event of events) {
		if (event.target === items) {
			for (const key of event.changes.keys.keys()) ids.add(key);
			continue;
		}
		const [root] = event.path;
		if (typeof root !== 'string') return null;
		ids.add(root);
	}
	return ids;
}
