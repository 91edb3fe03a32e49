import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeAuthors, compareBoards } from './compare.ts';
import { createSticky, deleteItem, itemText, moveItem, setItemColor } from './schema.ts';

/** A copy of `doc` at this instant (the later moment keeps editing the original). */
function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

describe('compareBoards', () => {
	it('lists objects added, removed, moved and edited, with counts by category', () => {
		const doc = new Y.Doc();
		const kept = createSticky(doc, { x: 0, y: 0, text: 'Garder', category: 'usager' });
		const gone = createSticky(doc, { x: 100, y: 0, text: 'Retirer', category: 'agent' });
		const recoloured = createSticky(doc, { x: 200, y: 0, text: 'Colorer', category: 'usager' });
		const before = copyOf(doc);

		moveItem(doc, { id: kept, x: 40, y: 10 });
		itemText(doc, kept)?.insert(0, 'À ');
		deleteItem(doc, gone);
		setItemColor(doc, { id: recoloured, color: 'pink' });
		const added = createSticky(doc, { x: 300, y: 0, text: 'Nouveau', category: 'elu' });
		const untouched = createSticky(doc, { x: 400, y: 0, text: 'Sans catégorie' });
		const middle = copyOf(doc);
		moveItem(doc, { id: untouched, x: 0, y: 500 });

		const diff = compareBoards(before, middle);
		expect(diff.added.map((item) => item.id).sort()).toEqual([added, untouched].sort());
		expect(diff.removed).toEqual([
			{ id: gone, type: 'sticky', category: 'agent', text: 'Retirer' }
		]);
		expect(diff.moved.map((item) => item.id)).toEqual([kept]);
		expect(diff.edited.map((item) => item.id).sort()).toEqual([kept, recoloured].sort());
		expect(diff.byCategory).toEqual({
			usager: { added: 0, removed: 0, moved: 1, edited: 2 },
			agent: { added: 0, removed: 1, moved: 0, edited: 0 },
			elu: { added: 1, removed: 0, moved: 0, edited: 0 },
			'': { added: 1, removed: 0, moved: 0, edited: 0 }
		});
		const later = compareBoards(middle, doc);
		expect([later.added, later.removed, later.edited]).toEqual([[], [], []]);
		expect(later.moved.map((item) => item.id)).toEqual([untouched]);
	});

	it('finds no difference between a board and itself', () => {
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, text: 'Seul' });
		expect(compareBoards(doc, copyOf(doc))).toEqual({
			added: [],
			removed: [],
			moved: [],
			edited: [],
			byCategory: {}
		});
	});

	it('counts each change under the category of the person who made it, not the note’s', () => {
		const doc = new Y.Doc();
		const steps: Array<{ bytes: Uint8Array; category: string | null }> = [];
		let author: string | null = null;
		doc.on('update', (bytes: Uint8Array) => steps.push({ bytes, category: author }));
		author = 'usager';
		const idea = createSticky(doc, { x: 0, y: 0, text: 'Idée', category: 'usager' });
		const other = createSticky(doc, { x: 300, y: 0, text: 'Autre', category: 'usager' });
		const before = copyOf(doc);
		steps.length = 0;

		author = 'elu';
		itemText(doc, idea)?.insert(0, 'Bonne ');
		author = 'manager';
		deleteItem(doc, other);
		author = 'agent';
		moveItem(doc, { id: idea, x: 50, y: 50 });
		author = null;
		const added = createSticky(doc, { x: 600, y: 0, text: 'Consigne' });

		const authors = changeAuthors({ from: before, steps });
		const diff = compareBoards(before, doc, authors);
		expect(diff.added.map((item) => item.id)).toEqual([added]);
		expect(diff.byCategory).toEqual({
			elu: { added: 0, removed: 0, moved: 0, edited: 1 },
			manager: { added: 0, removed: 1, moved: 0, edited: 0 },
			agent: { added: 0, removed: 0, moved: 1, edited: 0 },
			'': { added: 1, removed: 0, moved: 0, edited: 0 }
		});
		// Without the log, the note's own category is all there is.
		expect(compareBoards(before, doc).byCategory.usager).toEqual({
			added: 0,
			removed: 1,
			moved: 1,
			edited: 1
		});
	});
});
