import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, itemsOf, listItems } from '../../src/lib/board/schema.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import type { JoinBoardAck } from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import {
	socketIoClient,
	storedDoc,
	storedUpdateCount,
	updateFrame,
	updateOf
} from './fuzz-support.ts';
import { Harness, joinAsGuest, ticketFor, upgradeStatus, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe('limit configuration', () => {
	it('reads every limit from the environment and names the variable of a bad value', () => {
		const config = loadConfig({
			MAX_SOCKETIO_MESSAGE_BYTES: '4096',
			DOC_MESSAGES_PER_SECOND: '50',
			AWARENESS_MESSAGES_PER_SECOND: '5',
			MAX_CONNECTIONS_PER_PERSON: '3',
			MAX_OBJECTS_PER_BOARD: '200',
			SESSION_MAX_DAYS: '7'
		});
		expect(config).toMatchObject({
			maxSocketIoMessageBytes: 4096,
			docMessagesPerSecond: 50,
			awarenessMessagesPerSecond: 5,
			maxConnectionsPerPerson: 3,
			maxObjectsPerBoard: 200,
			sessionMaxMs: 7 * 24 * 3600 * 1000
		});
		expect(() => loadConfig({ MAX_OBJECTS_PER_BOARD: '0' })).toThrow(
			'MAX_OBJECTS_PER_BOARD must be an integer of at least 1, got "0"'
		);
		expect(() => loadConfig({ MAX_MESSAGE_BYTES: '10' })).toThrow(/MAX_MESSAGE_BYTES/);
		expect(() => loadConfig({ DOC_MESSAGES_PER_SECOND: 'lots' })).toThrow(
			/DOC_MESSAGES_PER_SECOND/
		);
	});
});

describe.each(DRIVERS)('configured limits (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('refuses an update that would take the board beyond its object limit (4507), keeping the board and the others intact', async () => {
		const { server, facilitator, board } = await h.board(driver, { maxObjectsPerBoard: 3 });
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		for (let i = 0; i < 3; i++) createSticky(a.doc, { x: i * 10, y: 0, text: `Idée ${i}` });
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(3), WAIT);
		await vi.waitFor(async () => expect(await storedUpdateCount(board.id)).toBe(3), WAIT);

		const raw = await h.rawSocket(server, board.id, {
			ticket: await ticketFor(guest, board.id)
		});
		raw.send(
			updateFrame(
				updateOf((doc) => createSticky(doc, { x: 0, y: 0, text: 'De trop', category: 'usager' }))
			)
		);
		expect(await raw.closed).toBe(CloseCode.BoardFull);

		// Editing the existing objects is still allowed at the limit.
		const first = listItems(a.doc)[0];
		if (!first) throw new Error('no item');
		a.doc.transact(() => itemsOf(a.doc).get(first.id)?.set('x', 999));
		await vi.waitFor(
			() => expect(listItems(b.doc).find((i) => i.id === first.id)?.x).toBe(999),
			WAIT
		);
		expect(listItems(b.doc)).toHaveLength(3);
		expect(listItems(await storedDoc(board.id))).toHaveLength(3);
		expect([...a.closeCodes, ...b.closeCodes]).toEqual([]);
	});

	it('refuses a person a connection beyond their per-board limit with 429, and admits them again once one closes', async () => {
		const { server, facilitator, board } = await h.board(driver, { maxConnectionsPerPerson: 2 });
		const cookie = { headers: { cookie: facilitator.cookie } };
		const path = `/yjs/${board.id}`;
		const first = await h.rawSocket(server, board.id, { cookie: facilitator.cookie });
		await h.rawSocket(server, board.id, { cookie: facilitator.cookie });
		expect(await upgradeStatus(server, path, cookie)).toBe(429);

		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		expect(await upgradeStatus(server, path, { headers: { cookie: guest.cookie } })).toBe(101);

		first.ws.close();
		await first.closed;
		await vi.waitFor(async () => expect(await upgradeStatus(server, path, cookie)).toBe(101), WAIT);
	});

	it('closes a connection sending more document messages per second than configured (4429)', async () => {
		const { server, facilitator, board } = await h.board(driver, { docMessagesPerSecond: 20 });
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const raw = await h.rawSocket(server, board.id, { cookie: facilitator.cookie });
		const step1 = new Uint8Array([0, 0, 1, 0]);
		for (let i = 0; i < 60; i++) raw.send(step1);
		expect(await raw.closed).toBe(CloseCode.RateLimited);
		createSticky(a.doc, { x: 0, y: 0, text: 'Toujours là' });
		await vi.waitFor(async () => expect(await storedUpdateCount(board.id)).toBe(1), WAIT);
		expect(a.closeCodes).toEqual([]);
	});

	it('refuses socket.io events beyond the configured rate without disconnecting, and serves the socket again later', async () => {
		const { server, facilitator, board } = await h.board(driver, { socketIoEventsPerSecond: 5 });
		const socket = socketIoClient(h, server, facilitator.cookie);
		await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
		const replies: Array<{ ok: boolean; reason?: string }> = [];
		const SENT = 40;
		for (let i = 0; i < SENT; i++) {
			socket.emit('board:join', { boardId: board.id }, (reply) => replies.push(reply));
		}
		await vi.waitFor(() => expect(replies).toHaveLength(SENT), WAIT);
		const served = replies.filter((reply) => reply.ok).length;
		expect(served).toBeGreaterThanOrEqual(10);
		expect(served).toBeLessThanOrEqual(12);
		expect(replies.filter((reply) => reply.reason === 'rate')).toHaveLength(SENT - served);
		expect(socket.connected).toBe(true);
		await vi.waitFor(async () => {
			const ack = await new Promise<JoinBoardAck | null>((resolve) => {
				const timer = setTimeout(() => resolve(null), 500);
				socket.emit('board:join', { boardId: board.id }, (result) => {
					clearTimeout(timer);
					resolve(result);
				});
			});
			expect(ack).toMatchObject({ ok: true });
		}, WAIT);
	});

	it('disconnects a socket.io client sending a message above the configured size, the others stay', async () => {
		const { server, facilitator, board } = await h.board(driver, {
			maxSocketIoMessageBytes: 2048
		});
		const joinWith = (socket: ReturnType<typeof socketIoClient>, boardId: string) =>
			new Promise<JoinBoardAck>((resolve) => socket.emit('board:join', { boardId }, resolve));
		const calm = socketIoClient(h, server, facilitator.cookie);
		expect(await joinWith(calm, board.id)).toMatchObject({ ok: true });

		const loud = socketIoClient(h, server, facilitator.cookie);
		await new Promise<void>((resolve) => loud.once('connect', () => resolve()));
		const gone = new Promise<string>((resolve) => loud.once('disconnect', resolve));
		loud.emit('board:join', { boardId: 'x'.repeat(10_000) }, () => {});
		expect(await gone).toMatch(/transport close|transport error/);
		expect(calm.connected).toBe(true);
		expect(await joinWith(calm, board.id)).toMatchObject({ ok: true });
	});
});
