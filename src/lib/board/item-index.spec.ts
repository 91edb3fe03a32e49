import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changedItemIds, ItemIndex } from './item-index.ts';
import { bringItemsToFront, deleteItems, moveItems } from './operations.ts';
import { createItem, createSticky, itemsOf, itemText, listItems, setItemColor } from './schema.ts';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('ItemIndex', () => {
	it('stays equal to listItems through random edits, re-reading only what changed', () => {
		const seed = Date.now() % 100_000;
		console.info(`ItemIndex random edits: seed ${seed}`);
		const random = seeded(seed);
		const doc = new Y.Doc();
		const index = new ItemIndex();
		let current = index.rebuild(doc);
		itemsOf(doc).observeDeep((events) => {
			index.markChanged(changedItemIds(events, itemsOf(doc)));
			current = index.refresh(doc);
		});
		const ids = () => [...itemsOf(doc).keys()];
		const pick = () => ids()[Math.floor(random() * ids().length)] ?? '';
		for (let step = 0; step < 300; step++) {
			const roll = random();
			if (roll < 0.25 || ids().length < 3)
				createSticky(doc, { x: random() * 1000, y: random() * 1000 });
			else if (roll < 0.35) {
				const [a, b] = [pick(), pick()];
				createItem(doc, { type: 'connector', x: 0, y: 0, start: { item: a }, end: { item: b } });
			} else if (roll < 0.55) moveItems(doc, { ids: [pick()], dx: 7, dy: -3 });
			else if (roll < 0.65) setItemColor(doc, { id: pick(), color: 'blue' });
			else if (roll < 0.75) bringItemsToFront(doc, [pick()]);
			else if (roll < 0.85) itemText(doc, pick())?.insert(0, 'x');
			else deleteItems(doc, [pick()]);
			expect(current, `seed ${seed}, step ${step}`).toEqual(listItems(doc));
		}
	});
});
