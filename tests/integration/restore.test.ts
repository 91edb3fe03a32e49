import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, itemsOf, listItems } from '../../src/lib/board/schema.ts';
import { boardUpdates, workshopEvents } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { Harness, db, joinAsGuest, userIdOf, warmUp } from './support.ts';

/**
 * A mass delete is attributed to its author in the history and can be restored from it (issue 13).
 */

const WAIT = { timeout: 10_000, interval: 20 };

async function rowsOf(boardId: string) {
	return db()
		.select()
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId))
		.orderBy(asc(boardUpdates.seq));
}

describe.each(DRIVERS)('restoring a deletion from the history (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('logs a mass delete under the élu who made it, and a facilitator puts every note back with its category', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const usager = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const elu = await joinAsGuest(server, board.joinUrl, 'Élise', 'elu');
		const watcher = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const writer = await h.syncedProvider(server, board.id, { cookie: usager.cookie });
		for (const text of ['Navette', 'Horaires', 'Rampe']) {
			createSticky(writer.doc, { x: 0, y: 0, text, category: 'usager' });
		}
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(3), WAIT);
		const eraser = await h.syncedProvider(server, board.id, { cookie: elu.cookie });
		await vi.waitFor(() => expect(listItems(eraser.doc)).toHaveLength(3), WAIT);
		eraser.doc.transact(() => {
			for (const id of [...itemsOf(eraser.doc).keys()]) itemsOf(eraser.doc).delete(id);
		});
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(0), WAIT);

		let deletion = 0;
		await vi.waitFor(async () => {
			const last = (await rowsOf(board.id)).at(-1);
			expect(last).toMatchObject({ authorId: await userIdOf(elu), category: 'elu' });
			deletion = last?.seq ?? 0;
		}, WAIT);

		const path = `/api/boards/${board.id}/history/restore`;
		expect((await usager.request('POST', path, { seq: deletion })).status).toBe(403);
		expect((await facilitator.request('POST', path, { seq: 'x' })).status).toBe(400);
		expect((await facilitator.request('POST', path, { seq: deletion + 100 })).status).toBe(404);
		expect((await facilitator.request('POST', path, { seq: 1 })).body).toMatchObject({
			code: 'nothing_deleted'
		});
		const restored = await facilitator.request('POST', path, { seq: deletion });
		expect(restored).toMatchObject({ status: 200, body: { restored: 3 } });
		await vi.waitFor(
			() =>
				expect(
					listItems(watcher.doc)
						.map((item) => [item.text, item.category])
						.sort()
				).toEqual([
					['Horaires', 'usager'],
					['Navette', 'usager'],
					['Rampe', 'usager']
				]),
			WAIT
		);
		expect(listItems(writer.doc)).toHaveLength(3);
		const again = await facilitator.request('POST', path, { seq: deletion });
		expect(again.body).toMatchObject({ restored: 0 });

		const last = (await rowsOf(board.id)).at(-1);
		expect(last).toMatchObject({ authorId: await userIdOf(facilitator), category: null });
		const { body: info } = await facilitator.request<{ workshopId: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		const events = await db()
			.select()
			.from(workshopEvents)
			.where(
				and(
					eq(workshopEvents.workshopId, info.workshopId),
					eq(workshopEvents.type, 'objects-restored')
				)
			);
		expect(events.map((event) => event.payload)).toEqual([
			{ boardId: board.id, seq: deletion, count: 3 },
			{ boardId: board.id, seq: deletion, count: 0 }
		]);
	});
});
