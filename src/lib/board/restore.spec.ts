import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deletionsIn, objectsDeletedBy, restoreObjects } from './restore.ts';
import { createSticky, itemsOf, itemText, listItems } from './schema.ts';

describe('restoring deletions from the history', () => {
	it('finds each update that deleted objects, with its author’s category, and puts them back with their texts and categories', () => {
		const doc = new Y.Doc();
		const steps: Array<{
			seq: number;
			at: number;
			category: string | null;
			kind: 'update';
			bytes: Uint8Array;
		}> = [];
		let author: string | null = 'usager';
		doc.on('update', (bytes: Uint8Array) =>
			steps.push({
				seq: steps.length + 1,
				at: steps.length * 1000,
				category: author,
				kind: 'update',
				bytes
			})
		);
		const a = createSticky(doc, { x: 0, y: 0, text: 'Navette', category: 'usager' });
		const b = createSticky(doc, { x: 200, y: 0, text: 'Rampe', category: 'usager' });
		itemText(doc, a)?.insert(0, 'Une ');
		const before = new Y.Doc();
		Y.applyUpdate(before, Y.encodeStateAsUpdate(doc));
		author = 'elu';
		doc.transact(() => [a, b].forEach((id) => itemsOf(doc).delete(id)));
		const deletion = steps.at(-1);
		if (!deletion) throw new Error('no step');

		expect(deletionsIn(steps)).toEqual([
			{ seq: deletion.seq, at: deletion.at, category: 'elu', count: 2 }
		]);
		const ids = objectsDeletedBy(before, deletion.bytes);
		expect(ids.sort()).toEqual([a, b].sort());
		expect(restoreObjects({ from: before, into: doc, ids }).sort()).toEqual([a, b].sort());
		expect(
			listItems(doc)
				.map((item) => [item.text, item.category])
				.sort()
		).toEqual([
			['Rampe', 'usager'],
			['Une Navette', 'usager']
		]);
		// A second restore finds them there and changes nothing.
		expect(restoreObjects({ from: before, into: doc, ids })).toEqual([]);
	});
});
