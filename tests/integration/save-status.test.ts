import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { SaveTracker } from '../../src/lib/client/save-tracker.svelte.ts';
import { boardUpdates } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { db, Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 10 };

/** The board as stored: every logged update applied to a fresh document. */
async function storedItems(boardId: string) {
	const rows = await db()
		.select({ update: boardUpdates.update })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId));
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, row.update);
	return listItems(doc).map((item) => item.text);
}

describe.each(DRIVERS)('save status of a board client (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('says "saving" after an edit and "saved" only once the server stored it', async () => {
		// A slow log batch: the edit is applied at once but stored 400 ms later.
		const { server, facilitator, board } = await h.board(driver, { logBatchMs: 400 });
		const client = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const tracker = new SaveTracker({ provider: client.provider, doc: client.doc });
		h.defer(() => tracker.destroy());
		expect(tracker.state).toBe('saved');

		createSticky(client.doc, { x: 0, y: 0, text: 'Une idée' });
		expect(tracker.state).toBe('saving');
		await vi.waitFor(() => expect(tracker.state).toBe('saved'), WAIT);
		expect(await storedItems(board.id)).toEqual(['Une idée']);

		createSticky(client.doc, { x: 300, y: 0, text: 'Une autre' });
		createSticky(client.doc, { x: 600, y: 0, text: 'Et une troisième' });
		expect(tracker.state).toBe('saving');
		await vi.waitFor(() => expect(tracker.state).toBe('saved'), WAIT);
		expect((await storedItems(board.id)).sort()).toEqual(
			['Et une troisième', 'Une autre', 'Une idée'].sort()
		);
	});

	it('says "offline" without a connection, then "saved" once the edits made meanwhile are stored', async () => {
		const { server, facilitator, board } = await h.board(driver, { logBatchMs: 200 });
		const client = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const tracker = new SaveTracker({ provider: client.provider, doc: client.doc });
		h.defer(() => tracker.destroy());
		client.provider.disconnect();
		expect(tracker.state).toBe('offline');
		createSticky(client.doc, { x: 0, y: 0, text: 'Hors ligne' });
		expect(tracker.state).toBe('offline');
		expect(await storedItems(board.id)).toEqual([]);

		client.provider.connect();
		await vi.waitFor(() => expect(tracker.state).toBe('saved'), WAIT);
		expect(await storedItems(board.id)).toEqual(['Hors ligne']);
	});
});
