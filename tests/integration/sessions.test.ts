import { eq } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessions } from '../../src/lib/server/db/schema.ts';
import { hashToken } from '../../src/lib/server/ids.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, db, joinAsGuest, ticketFor, upgradeStatus, warmUp } from './support.ts';

const DAY_MS = 24 * 3600 * 1000;
const WAIT = { timeout: 10_000, interval: 20 };
const PASSWORD = 'correct horse battery staple';

function sessionIdOf(client: ApiClient): string {
	return hashToken(decodeURIComponent(client.cookie.split('=')[1] ?? ''));
}

async function sessionRow(client: ApiClient) {
	const [row] = await db()
		.select()
		.from(sessions)
		.where(eq(sessions.id, sessionIdOf(client)));
	return row ?? null;
}

describe.each(DRIVERS)('sessions (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('ends a session idle for SESSION_TTL_DAYS, and any session SESSION_MAX_DAYS after sign-in however active', async () => {
		const { facilitator } = await h.board(driver, {
			sessionTtlMs: 30 * DAY_MS,
			sessionMaxMs: 2 * DAY_MS
		});
		const row = await sessionRow(facilitator);
		if (!row) throw new Error('no session');
		expect(row.expiresAt.getTime()).toBeLessThanOrEqual(row.createdAt.getTime() + 2 * DAY_MS);

		// Active, half-used: renewed, but never beyond the absolute end.
		const createdAt = new Date(Date.now() - 1.5 * DAY_MS);
		await db()
			.update(sessions)
			.set({ createdAt, expiresAt: new Date(Date.now() + 60_000) })
			.where(eq(sessions.id, row.id));
		expect((await facilitator.request('GET', '/api/boards')).status).toBe(200);
		expect((await sessionRow(facilitator))?.expiresAt.getTime()).toBe(
			createdAt.getTime() + 2 * DAY_MS
		);

		// Past the absolute lifetime: refused and deleted, even though not idle.
		await db()
			.update(sessions)
			.set({ createdAt: new Date(Date.now() - 2 * DAY_MS - 1000) })
			.where(eq(sessions.id, row.id));
		expect((await facilitator.request('GET', '/api/boards')).status).toBe(401);
		expect(await db().select().from(sessions).where(eq(sessions.id, row.id))).toEqual([]);
	});

	it('ends an idle session once its expiry passed', async () => {
		const { facilitator } = await h.board(driver);
		const row = await sessionRow(facilitator);
		if (!row) throw new Error('no session');
		await db()
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.id, row.id));
		expect((await facilitator.request('GET', '/api/boards')).status).toBe(401);
		expect(facilitator.cookie).toBe('');
	});

	it('signs out everywhere: every session, ticket and live socket of the person ends, nobody else’s', async () => {
		const { server, facilitator: laptop, board } = await h.board(driver);
		// Another person, signed in on two devices: `signup` and `phone`.
		const signup = new ApiClient(server.url);
		const address = await signup.signUp('Second compte');
		const phone = new ApiClient(server.url);
		expect(
			(await phone.request('POST', '/api/auth/login', { email: address, password: PASSWORD }))
				.status
		).toBe(200);
		const other = await signup.createBoard('Atelier du second compte');

		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const live = await h.syncedProvider(server, other.id, { cookie: signup.cookie });
		const guestLive = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		const ticket = await ticketFor(phone, other.id);

		expect((await phone.request('POST', '/api/auth/logout-all')).status).toBe(200);
		expect(phone.cookie).toBe('');
		expect((await signup.request('GET', '/api/boards')).status).toBe(401);
		await vi.waitFor(() => expect(live.closeCodes).toContain(CloseCode.Forbidden), WAIT);
		live.provider.disconnect();
		expect(await upgradeStatus(server, `/yjs/${other.id}?ticket=${ticket}`)).toBe(401);

		expect((await laptop.request('GET', '/api/boards')).status).toBe(200);
		expect((await guest.request('GET', `/api/boards/${board.id}`)).status).not.toBe(401);
		expect(guestLive.closeCodes).toEqual([]);
		expect((await new ApiClient(server.url).request('POST', '/api/auth/logout-all')).status).toBe(
			401
		);
	});

	it('signs out one session: its tickets, Yjs and socket.io connections end, the same person’s other session keeps working', async () => {
		const { server, facilitator: laptop, board } = await h.board(driver);
		const address = await new ApiClient(server.url).signUp('Second compte');
		// One person signed in on two devices.
		const tablet = new ApiClient(server.url);
		const phone = new ApiClient(server.url);
		for (const device of [tablet, phone]) {
			const login = await device.request('POST', '/api/auth/login', {
				email: address,
				password: PASSWORD
			});
			expect(login.status).toBe(200);
		}
		const own = await tablet.createBoard('Atelier du second compte');

		const tabletYjs = await h.syncedProvider(server, own.id, { cookie: tablet.cookie });
		const tabletTicket = await ticketFor(tablet, own.id);
		const tabletByTicket = await h.syncedProvider(server, own.id, { ticket: tabletTicket });
		const tabletIo = io(server.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie: tablet.cookie },
			reconnection: false
		});
		h.defer(() => tabletIo.disconnect());
		expect(await tabletIo.emitWithAck('board:join', { boardId: own.id })).toMatchObject({
			ok: true
		});
		const phoneYjs = await h.syncedProvider(server, own.id, { cookie: phone.cookie });
		const phoneTicket = await ticketFor(phone, own.id);
		const laptopYjs = await h.syncedProvider(server, board.id, { cookie: laptop.cookie });

		expect((await tablet.request('POST', '/api/auth/logout')).status).toBe(200);
		expect(tablet.cookie).toBe('');

		await vi.waitFor(() => expect(tabletYjs.closeCodes).toContain(CloseCode.Forbidden), WAIT);
		await vi.waitFor(() => expect(tabletByTicket.closeCodes).toContain(CloseCode.Forbidden), WAIT);
		await vi.waitFor(() => expect(tabletIo.connected).toBe(false), WAIT);
		tabletYjs.provider.disconnect();
		tabletByTicket.provider.disconnect();
		// The ticket issued before sign-out opens nothing any more, on either channel.
		expect(await upgradeStatus(server, `/yjs/${own.id}?ticket=${tabletTicket}`)).toBe(401);
		const lateIo = io(server.url, {
			path: '/socket.io',
			transports: ['websocket'],
			auth: { ticket: tabletTicket, boardId: own.id },
			reconnection: false
		});
		h.defer(() => lateIo.disconnect());
		await vi.waitFor(
			() =>
				new Promise((resolve, reject) => {
					lateIo.once('connect_error', resolve);
					lateIo.once('connect', () => reject(new Error('a dead ticket opened socket.io')));
				}),
			WAIT
		);

		// The phone (same person, another session) and everyone else keep working.
		expect((await phone.request('GET', '/api/boards')).status).toBe(200);
		expect(await upgradeStatus(server, `/yjs/${own.id}?ticket=${phoneTicket}`)).toBe(101);
		expect(phoneYjs.closeCodes).toEqual([]);
		expect(phoneYjs.provider.wsconnected).toBe(true);
		expect(laptopYjs.closeCodes).toEqual([]);
	});

	it('offers sign-out everywhere as a form that ends the sessions and goes to the sign-in page', async () => {
		const { server, facilitator } = await h.board(driver);
		const response = await fetch(`${server.url}/logout-all`, {
			method: 'POST',
			headers: {
				cookie: facilitator.cookie,
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: '',
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login');
		expect((await facilitator.request('GET', '/api/boards')).status).toBe(401);
	});
});
