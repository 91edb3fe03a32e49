import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, itemAt, itemText, listItems } from '../../src/lib/board/schema.ts';
import { boardUpdates } from '../../src/lib/server/db/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { DRIVERS } from '../helpers/database.ts';
import { Harness, db, joinAsGuest, upgradeStatus, warmUp } from './support.ts';

/**
 * Size limits of what the board holds (issue 13): a text, one value, the whole document and an
 * awareness state. A refused update is refused whole: the document and the log stay as they were,
 * and everyone else keeps working.
 */

const WAIT = { timeout: 10_000, interval: 20 };
const LIMITS = {
	maxTextChars: 200,
	maxValueBytes: 2048,
	maxBoardBytes: 40_000,
	maxAwarenessStateBytes: 512
};

async function storedCount(boardId: string): Promise<number> {
	const rows = await db()
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId));
	return rows.length;
}

describe.each(DRIVERS)('content limits (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('refuses a text grown beyond MAX_TEXT_CHARS and a value beyond MAX_VALUE_BYTES (4413), keeping what was stored', async () => {
		const { server, facilitator, board } = await h.board(driver, LIMITS);
		const cookie = { cookie: facilitator.cookie };
		const watcher = await h.syncedProvider(server, board.id, cookie);
		const writer = await h.syncedProvider(server, board.id, cookie);
		const note = createSticky(writer.doc, { x: 0, y: 0, text: 'a'.repeat(150) });
		itemText(writer.doc, note)?.insert(150, 'b'.repeat(50));
		await vi.waitFor(() => expect(listItems(watcher.doc)[0]?.text).toHaveLength(200), WAIT);
		await vi.waitFor(async () => expect(await storedCount(board.id)).toBe(2), WAIT);

		itemText(writer.doc, note)?.insert(0, 'c');
		await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.TooLarge), WAIT);
		writer.provider.destroy();

		const second = await h.syncedProvider(server, board.id, cookie);
		itemAt(second.doc, note)?.set(
			'points',
			Array.from({ length: 1000 }, (_, i) => i)
		);
		await vi.waitFor(() => expect(second.closeCodes).toContain(CloseCode.TooLarge), WAIT);
		second.provider.destroy();

		expect(await storedCount(board.id)).toBe(2);
		expect(listItems(watcher.doc)[0]?.text).toBe('a'.repeat(150) + 'b'.repeat(50));
		expect(itemAt(watcher.doc, note)?.get('points')).toBeUndefined();
		expect(watcher.closeCodes).toEqual([]);
	});

	it('refuses an update taking the document beyond MAX_BOARD_BYTES (4507), keeping everything stored before', async () => {
		const { server, facilitator, board } = await h.board(driver, LIMITS);
		const cookie = { cookie: facilitator.cookie };
		const watcher = await h.syncedProvider(server, board.id, cookie);
		const writer = await h.syncedProvider(server, board.id, cookie);
		const notes: string[] = [];
		for (let i = 0; i < 15; i++) {
			notes.push(createSticky(writer.doc, { x: i * 10, y: 0, text: `${i} ${'x'.repeat(190)}` }));
		}
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(15), WAIT);
		for (let i = 0; i < 300 && writer.closeCodes.length === 0; i++) {
			createSticky(writer.doc, { x: 0, y: 400, text: 'y'.repeat(190) });
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.BoardFull), WAIT);
		const written = listItems(writer.doc).length;
		writer.provider.destroy();
		// What was stored before the refusal reaches everyone (the watcher may still be receiving
		// the last accepted notes); the refused note is nowhere.
		const fresh = await h.syncedProvider(server, board.id, cookie);
		const kept = listItems(fresh.doc).length;
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(kept), WAIT);
		expect(kept).toBeGreaterThan(15);
		expect(kept).toBeLessThan(written);
		expect(watcher.closeCodes).toEqual([]);
	});

	it('drops an awareness state beyond MAX_AWARENESS_STATE_BYTES and relays a normal one', async () => {
		const { server, facilitator, board } = await h.board(driver, LIMITS);
		const cookie = { cookie: facilitator.cookie };
		const watcher = await h.syncedProvider(server, board.id, cookie);
		const big = await h.syncedProvider(server, board.id, cookie);
		const small = await h.syncedProvider(server, board.id, cookie);
		big.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1, junk: 'z'.repeat(2000) });
		small.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 });
		await vi.waitFor(
			() =>
				expect(watcher.provider.awareness.getStates().get(small.doc.clientID)).toMatchObject({
					cursor: { x: 2, y: 2 }
				}),
			WAIT
		);
		expect(watcher.provider.awareness.getStates().has(big.doc.clientID)).toBe(false);
		expect(big.closeCodes).toEqual([]);
	});

	it('counts guests against the per-person and per-workshop connection caps (429), and lets them in once there is room', async () => {
		const config = { maxConnectionsPerPerson: 2, maxConnectionsPerWorkshop: 3 };
		const { server, facilitator, board } = await h.board(driver, config);
		const paul = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const zoe = await joinAsGuest(server, board.joinUrl, 'Zoé', 'usager');
		const path = `/yjs/${board.id}`;
		const asPaul = { headers: { cookie: paul.cookie } };
		const first = await h.syncedProvider(server, board.id, { cookie: paul.cookie });
		await h.syncedProvider(server, board.id, { cookie: paul.cookie });
		expect(await upgradeStatus(server, path, asPaul)).toBe(429);
		await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		expect(await upgradeStatus(server, path, { headers: { cookie: zoe.cookie } })).toBe(429);
		first.provider.destroy();
		await vi.waitFor(
			async () =>
				expect(await upgradeStatus(server, path, { headers: { cookie: zoe.cookie } })).toBe(101),
			WAIT
		);
	});
});
