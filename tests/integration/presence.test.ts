import { and, asc, eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { boards, workshopEvents } from '../../src/lib/server/db/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { colorForUser } from '../../src/lib/shared/colors.ts';
import type {
	ClientToServerEvents,
	PresencePerson,
	ServerToClientEvents
} from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, db, joinAsGuest, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client with the presence lists it received, per board. */
interface PresenceClient {
	socket: ClientSocket;
	presence: Map<string, PresencePerson[]>;
	/** Number of presence messages received. */
	received: () => number;
}

function presenceClient(
	h: Harness,
	server: RunningServer,
	options: { cookie?: string; origin?: string } = {}
): PresenceClient {
	const headers: Record<string, string> = {};
	if (options.cookie) headers.cookie = options.cookie;
	if (options.origin) headers.origin = options.origin;
	const socket: ClientSocket = io(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false
	});
	h.defer(() => socket.disconnect());
	const presence = new Map<string, PresencePerson[]>();
	let received = 0;
	socket.on('presence', ({ boardId, people }) => {
		received++;
		presence.set(boardId, people);
	});
	return { socket, presence, received: () => received };
}

const summary = (people: PresencePerson[] | undefined) =>
	(people ?? []).map(({ name, category, role }) => ({ name, category, role }));

describe.each(DRIVERS)('socket.io presence (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('shows both people with their names and categories when two join, and updates on leave', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const fatima = presenceClient(h, server, { cookie: facilitator.cookie });
		const fatimaAgain = presenceClient(h, server, { cookie: facilitator.cookie });
		const paul = presenceClient(h, server, { cookie: guest.cookie });

		const first = await fatima.socket.emitWithAck('board:join', { boardId: board.id });
		expect(first).toMatchObject({
			ok: true,
			you: { name: 'Fatima Facilitatrice', role: 'facilitator' }
		});
		await fatimaAgain.socket.emitWithAck('board:join', { boardId: board.id });
		const second = await paul.socket.emitWithAck('board:join', { boardId: board.id });
		const both = [
			{ name: 'Fatima Facilitatrice', category: null, role: 'facilitator' },
			{ name: 'Paul', category: 'usager', role: 'participant' }
		];
		expect(second.ok && summary(second.people)).toEqual(both);
		expect(second.ok && second.you.color).toBe(colorForUser(await userIdOf(guest)));
		// Two tabs of one person are one entry.
		await vi.waitFor(() => expect(summary(fatima.presence.get(board.id))).toEqual(both), WAIT);
		await vi.waitFor(() => expect(summary(paul.presence.get(board.id))).toEqual(both), WAIT);

		paul.socket.emit('board:leave', { boardId: board.id });
		await vi.waitFor(() => expect(summary(fatima.presence.get(board.id))).toEqual([both[0]]), WAIT);
		// Closing one of her two tabs sends a new list, in which she still is.
		const before = fatima.received();
		fatimaAgain.socket.disconnect();
		await vi.waitFor(() => expect(fatima.received()).toBeGreaterThan(before), WAIT);
		expect(summary(fatima.presence.get(board.id))).toEqual([both[0]]);

		const paulId = await userIdOf(guest);
		await vi.waitFor(async () => {
			const events = await db()
				.select()
				.from(workshopEvents)
				.where(and(eq(workshopEvents.boardId, board.id), eq(workshopEvents.actorId, paulId)))
				.orderBy(asc(workshopEvents.id));
			expect(events.map((event) => [event.type, event.payload])).toEqual([
				['join', { role: 'participant', category: 'usager' }],
				['leave', { role: 'participant', category: 'usager' }]
			]);
		}, WAIT);
	});

	it('refuses non-members, unknown boards, malformed payloads and unauthenticated sockets', async () => {
		const { server, board } = await h.board(driver);
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Sam Stranger');
		const sam = presenceClient(h, server, { cookie: stranger.cookie });
		expect(await sam.socket.emitWithAck('board:join', { boardId: board.id })).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		expect(
			await sam.socket.emitWithAck('board:join', { boardId: 'nosuchboard00000' })
		).toMatchObject({ ok: false, reason: 'not_found' });
		const malformed = { boardId: 42 } as unknown as { boardId: string };
		expect(await sam.socket.emitWithAck('board:join', malformed)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		// Unknown events and missing acks are ignored; the socket still works afterwards.
		(sam.socket as unknown as Socket).emit('no-such-event', { x: 1 });
		sam.socket.emit('board:leave', null as unknown as { boardId: string });
		expect(sam.socket.connected).toBe(true);

		const anonymous = presenceClient(h, server);
		const error = await new Promise<Error>((resolve) =>
			anonymous.socket.once('connect_error', resolve)
		);
		expect(error.message).toBe('unauthenticated');
		const foreign = presenceClient(h, server, {
			cookie: stranger.cookie,
			origin: 'https://evil.example'
		});
		await new Promise<Error>((resolve) => foreign.socket.once('connect_error', resolve));
		expect(foreign.socket.connected).toBe(false);
	});

	it('disconnectUser closes that user’s Yjs and socket.io connections on the workshop', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		const fatima = presenceClient(h, server, { cookie: facilitator.cookie });
		const paul = presenceClient(h, server, { cookie: guest.cookie });
		await fatima.socket.emitWithAck('board:join', { boardId: board.id });
		await paul.socket.emitWithAck('board:join', { boardId: board.id });
		await vi.waitFor(() => expect(fatima.presence.get(board.id)).toHaveLength(2), WAIT);

		const [row] = await db()
			.select({ workshopId: boards.workshopId })
			.from(boards)
			.where(eq(boards.id, board.id));
		server.realtime.disconnectUser({ workshopId: row!.workshopId, userId: await userIdOf(guest) });

		await vi.waitFor(() => expect(b.closeCodes).toEqual([CloseCode.Forbidden]), WAIT);
		await vi.waitFor(() => expect(paul.socket.connected).toBe(false), WAIT);
		await vi.waitFor(() => expect(summary(fatima.presence.get(board.id))).toHaveLength(1), WAIT);
		expect(a.closeCodes).toEqual([]);
		expect(fatima.socket.connected).toBe(true);
		createSticky(a.doc, { x: 0, y: 0, text: 'Toujours là' });
		const c = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(c.doc)).toHaveLength(1), WAIT);
	});
});
