import { and, eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, deleteItem, listItems } from '../../src/lib/board/schema.ts';
import {
	boardUpdates,
	boards,
	memberships,
	tickets,
	workshops
} from '../../src/lib/server/db/schema.ts';
import { hashToken } from '../../src/lib/server/ids.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, db, joinAsGuest, ticketFor, upgradeStatus, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };
const MAX_MESSAGE_BYTES = 64 * 1024;

/** A sync-update frame whose payload is `update` (possibly broken). */
function updateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

async function updateCount(boardId: string): Promise<number> {
	const rows = await db()
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId));
	return rows.length;
}

async function workshopOf(boardId: string): Promise<string> {
	const [row] = await db()
		.select({ workshopId: boards.workshopId })
		.from(boards)
		.where(eq(boards.id, boardId));
	if (!row) throw new Error('no such board');
	return row.workshopId;
}

describe.each(DRIVERS)('Yjs endpoint guards (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('closes a raw client sending garbage, unknown types, truncated updates or oversized frames while the others keep syncing', async () => {
		const { server, facilitator, board } = await h.board(driver, {
			maxMessageBytes: MAX_MESSAGE_BYTES
		});
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(a.doc, { x: 0, y: 0, text: 'Avant' });
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(1), WAIT);
		const before = listItems(a.doc);
		const storedBefore = await updateCount(board.id);

		const source = new Y.Doc();
		createSticky(source, { x: 5, y: 5, text: 'Injecté en douce' });
		const update = Y.encodeStateAsUpdate(source);
		const truncated = update.subarray(0, update.length - 6);
		expect(() => Y.decodeUpdate(truncated)).toThrow();
		const lyingLength = new Uint8Array([0, 2, 0x7f, 1, 2, 3]);
		const cases: Array<[string, Uint8Array, number[]]> = [
			['garbage', new Uint8Array(16).fill(0xff), [CloseCode.BadMessage]],
			['unknown message type', new Uint8Array([7, 0]), [CloseCode.BadMessage]],
			['truncated update', updateFrame(truncated), [CloseCode.BadMessage]],
			['length prefix beyond the frame', lyingLength, [CloseCode.BadMessage]],
			['oversized frame', new Uint8Array(MAX_MESSAGE_BYTES + 1), [CloseCode.TooLarge, 1009]]
		];
		const ticket = await ticketFor(facilitator, board.id);
		for (const [name, frame, codes] of cases) {
			const raw = await h.rawSocket(server, board.id, { ticket });
			raw.send(frame);
			expect(codes, name).toContain(await raw.closed);
		}

		createSticky(b.doc, { x: 300, y: 0, text: 'Après', category: 'usager' });
		await vi.waitFor(() => expect(listItems(a.doc)).toHaveLength(2), WAIT);
		expect(listItems(a.doc).filter((item) => item.text !== 'Après')).toEqual(before);
		expect(listItems(b.doc)).toEqual(listItems(a.doc));
		expect(a.closeCodes).toEqual([]);
		expect(b.closeCodes).toEqual([]);
		const fresh = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(fresh.doc)).toEqual(listItems(a.doc)), WAIT);
		expect(await updateCount(board.id)).toBe(storedBefore + 1);
	});

	it('closes a client flooding document messages with 4429, leaving the others alone', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const raw = await h.rawSocket(server, board.id, {
			ticket: await ticketFor(facilitator, board.id)
		});
		const step1 = new Uint8Array([0, 0, 1, 0]);
		for (let i = 0; i < 400; i++) raw.send(step1);
		expect(await raw.closed).toBe(CloseCode.RateLimited);
		const b = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		createSticky(a.doc, { x: 0, y: 0, text: 'Toujours là' });
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(1), WAIT);
		expect(a.closeCodes).toEqual([]);
	});

	it('refuses upgrades without credentials (401), from a foreign Origin (403), for non-members (403), unknown boards (404) and bad tickets (401)', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const path = `/yjs/${board.id}`;
		const cookie = { headers: { cookie: facilitator.cookie } };
		expect(await upgradeStatus(server, path)).toBe(401);
		expect(
			await upgradeStatus(server, path, { headers: { cookie: 'croisee-session=forged' } })
		).toBe(401);
		expect(await upgradeStatus(server, path, { ...cookie, origin: 'https://evil.example' })).toBe(
			403
		);
		expect(await upgradeStatus(server, path, { ...cookie, origin: server.url })).toBe(101);
		expect(await upgradeStatus(server, '/yjs/nosuchboard00000', cookie)).toBe(404);

		const stranger = new ApiClient(server.url);
		await stranger.signUp('Sam Stranger');
		expect(await upgradeStatus(server, path, { headers: { cookie: stranger.cookie } })).toBe(403);

		const otherBoard = await stranger.createBoard('Autre atelier');
		const foreignTicket = await ticketFor(stranger, otherBoard.id);
		expect(await upgradeStatus(server, `${path}?ticket=${foreignTicket}`)).toBe(401);
		const expiredTicket = await ticketFor(facilitator, board.id);
		expect(await upgradeStatus(server, `${path}?ticket=${expiredTicket}`)).toBe(101);
		await db()
			.update(tickets)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(tickets.id, hashToken(expiredTicket)));
		expect(await upgradeStatus(server, `${path}?ticket=${expiredTicket}`)).toBe(401);
		await expect(upgradeStatus(server, '/elsewhere', cookie)).rejects.toThrow();
	});

	it('lets an observer receive the board but never applies nor stores their edit, closing with 4403', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const gone = createSticky(a.doc, { x: 0, y: 0, text: 'Effacée' });
		createSticky(a.doc, { x: 300, y: 0, text: 'Consigne' });
		deleteItem(a.doc, gone);

		const observer = new ApiClient(server.url);
		await observer.signUp('Olga Observatrice');
		const observerId = await userIdOf(observer);
		await db()
			.insert(memberships)
			.values({ workshopId: await workshopOf(board.id), userId: observerId, role: 'observer' });
		const o = await h.syncedProvider(server, board.id, { cookie: observer.cookie });
		await vi.waitFor(() => expect(listItems(o.doc).map((i) => i.text)).toEqual(['Consigne']), WAIT);

		// Reconnecting with a document that already holds the board (and its deletions) is fine.
		o.provider.disconnect();
		o.provider.connect();
		await vi.waitFor(() => expect(o.provider.synced).toBe(true), WAIT);
		expect(o.closeCodes).toEqual([]);

		createSticky(o.doc, { x: 600, y: 0, text: 'Pirate' });
		await vi.waitFor(() => expect(o.closeCodes).toEqual([CloseCode.Forbidden]), WAIT);
		// A later edit by a writer reaches a second client: the observer's would have by then.
		const b = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		createSticky(a.doc, { x: 900, y: 0, text: 'Suite' });
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(2), WAIT);
		expect(listItems(a.doc).map((item) => item.text)).not.toContain('Pirate');
		expect(listItems(b.doc).map((item) => item.text)).not.toContain('Pirate');
		const byObserver = await db()
			.select()
			.from(boardUpdates)
			.where(and(eq(boardUpdates.boardId, board.id), eq(boardUpdates.authorId, observerId)));
		expect(byObserver).toEqual([]);
	});

	it('refuses every edit on an archived workshop, even the facilitator’s', async () => {
		const { server, facilitator, board } = await h.board(driver);
		await db()
			.update(workshops)
			.set({ status: 'archived' })
			.where(eq(workshops.id, await workshopOf(board.id)));
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		createSticky(a.doc, { x: 0, y: 0, text: 'Trop tard' });
		await vi.waitFor(() => expect(a.closeCodes).toEqual([CloseCode.Forbidden]), WAIT);
		expect(await updateCount(board.id)).toBe(0);
	});
});
