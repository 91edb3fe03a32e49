import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSticky, listItems } from '../board/schema.ts';
import { PrivateDrafts } from './drafts.svelte.ts';

/** A drafts client whose sends are recorded, answered with `answer`. */
function recorded(answer = true) {
	const sent: Uint8Array[] = [];
	const drafts = new PrivateDrafts(async (update) => {
		sent.push(update);
		return answer;
	});
	/** What the server holds once it applied everything sent. */
	const server = () => {
		const doc = new Y.Doc();
		for (const update of sent) Y.applyUpdate(doc, update);
		return listItems(doc);
	};
	return { drafts, sent, server };
}

describe('PrivateDrafts', () => {
	it('sends a note and its typing as one merged update, and says when it is stored', async () => {
		const { drafts, sent, server } = recorded();
		const id = drafts.create({ at: { x: 500, y: 500 }, others: [], category: 'usager' });
		drafts.text(id)?.insert(0, 'Un banc');
		drafts.text(id)?.insert(7, ' à l’ombre');
		expect(drafts.saved).toBe(false);
		expect(drafts.focusRequest).toBe(id);
		expect(await drafts.flush()).toBe(true);
		expect(sent).toHaveLength(1);
		expect(drafts.saved).toBe(true);
		expect(server()).toMatchObject([
			{ id, text: 'Un banc à l’ombre', category: 'usager', x: 400, y: 420 }
		]);
	});

	it('places a new note clear of the board objects and moves and removes notes', async () => {
		const { drafts, server } = recorded();
		const board = [{ x: 400, y: 420, w: 200, h: 160 }];
		const id = drafts.create({ at: { x: 500, y: 500 }, others: board, category: null });
		expect(drafts.items[0]?.x).not.toBe(400);
		drafts.move(id, { x: 10.4, y: 20.6 });
		await drafts.flush();
		expect(server()).toMatchObject([{ id, x: 10, y: 21 }]);
		drafts.remove(id);
		await drafts.flush();
		expect(server()).toEqual([]);
		expect(drafts.items).toEqual([]);
	});

	it('never sends back what came from the server, and forgets everything when cleared', async () => {
		const { drafts, sent } = recorded();
		const other = new Y.Doc();
		createSticky(other, { x: 0, y: 0, text: 'Depuis un autre onglet' });
		drafts.applyRemote(Y.encodeStateAsUpdate(other));
		expect(drafts.items.map((item) => item.text)).toEqual(['Depuis un autre onglet']);
		await drafts.flush();
		expect(sent).toHaveLength(0);
		drafts.clear();
		expect(drafts.items).toEqual([]);
	});

	it('says so when the server refuses (the brainstorm ended)', async () => {
		const { drafts } = recorded(false);
		drafts.create({ at: { x: 0, y: 0 }, others: [], category: null, text: 'Trop tard' });
		expect(await drafts.flush()).toBe(false);
		expect(drafts.refused).toBe(true);
		expect(drafts.saved).toBe(false);
	});
});
