import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { memberships, workshopEvents } from '../../src/lib/server/db/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { DRIVERS } from '../helpers/database.ts';
import { Harness, db, joinAsGuest, userIdOf, warmUp } from './support.ts';

/**
 * Who says which category (issue 13): a person's category is the server's, set when they first
 * join and changed only by a facilitator, in a logged act; the notes they write carry it.
 */

const WAIT = { timeout: 10_000, interval: 20 };

async function categoryOf(workshopId: string, userId: string): Promise<string | null> {
	const [row] = await db()
		.select({ category: memberships.category })
		.from(memberships)
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)));
	return row?.category ?? null;
}

describe.each(DRIVERS)('category attribution (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('a guest re-posting the join link with another category keeps theirs, and cannot write under the other', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const { body: info } = await facilitator.request<{ workshopId: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const guestId = await userIdOf(guest);
		await guest.join(board.joinUrl, 'Paul, élu', 'elu');
		expect(await categoryOf(info.workshopId, guestId)).toBe('usager');

		const watcher = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const posing = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(posing.doc, { x: 0, y: 0, text: 'En tant qu’élu', category: 'elu' });
		await vi.waitFor(() => expect(posing.closeCodes).toContain(CloseCode.InvalidUpdate), WAIT);
		posing.provider.destroy();

		const honest = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(honest.doc, { x: 0, y: 300, text: 'En tant qu’usager', category: 'usager' });
		await vi.waitFor(
			() =>
				expect(listItems(watcher.doc).map((item) => [item.text, item.category])).toEqual([
					['En tant qu’usager', 'usager']
				]),
			WAIT
		);
	});

	it('a facilitator’s category change is logged with its author, and the person’s next notes carry the new category', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const { body: info } = await facilitator.request<{ workshopId: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const guestId = await userIdOf(guest);
		const facilitatorId = await userIdOf(facilitator);
		const changed = await facilitator.request(
			'PATCH',
			`/api/workshops/${info.workshopId}/people/${guestId}`,
			{ category: 'agent' }
		);
		expect(changed.status).toBe(200);
		expect(await categoryOf(info.workshopId, guestId)).toBe('agent');
		const logged = await db()
			.select()
			.from(workshopEvents)
			.where(
				and(
					eq(workshopEvents.workshopId, info.workshopId),
					eq(workshopEvents.type, 'person-updated')
				)
			);
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({
			actorId: facilitatorId,
			payload: { userId: guestId, category: 'agent' }
		});

		const watcher = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const writer = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(writer.doc, { x: 0, y: 0, text: 'Côté agent', category: 'agent' });
		await vi.waitFor(
			() => expect(listItems(watcher.doc).map((item) => item.category)).toEqual(['agent']),
			WAIT
		);
		expect(writer.closeCodes).toEqual([]);
	});
});
