import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { appContext } from '../../src/lib/server/context.ts';
import { invites, sessions, users } from '../../src/lib/server/db/schema.ts';
import { hashToken, SHORT_CODE_ALPHABET } from '../../src/lib/server/ids.ts';
import { FREE_JOIN_CODE_MISSES_PER_ADDRESS } from '../../src/lib/server/login-throttle.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness } from './support.ts';

describe.each(DRIVERS)('JSON API on %s', (driver) => {
	const h = new Harness();
	let server: RunningServer;
	let facilitator: ApiClient;

	beforeEach(async () => {
		server = await h.server(await h.database(driver));
		facilitator = new ApiClient(server.url);
	});

	afterEach(() => h.cleanup());

	it('reports healthy once migrated and listening', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('signs up with a hashed password, then signs in with a hashed, HttpOnly session cookie', async () => {
		const response = await fetch(`${server.url}/api/auth/signup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ name: 'Awa', email: 'Awa@Example.org', password: 'a long password' })
		});
		expect(response.status).toBe(202);
		expect(response.headers.getSetCookie()).toEqual([]);
		const login = await fetch(`${server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ email: 'awa@example.org', password: 'a long password' })
		});
		expect(login.status).toBe(200);
		const cookie = login.headers.getSetCookie().find((c) => c.startsWith('croisee-session='));
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie, 'plain http: a Secure cookie would never be sent back').not.toMatch(/Secure/i);
		const token = cookie?.split(';')[0]?.split('=')[1] ?? '';
		const { db } = appContext();
		const [user] = await db.select().from(users).where(eq(users.email, 'awa@example.org'));
		expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
		const stored = await db
			.select()
			.from(sessions)
			.where(eq(sessions.userId, user?.id ?? ''));
		expect(stored.map((s) => s.id)).toEqual([hashToken(token)]);
	});

	it('refuses bad sign-up input with a clear error and creates nothing', async () => {
		const before = await appContext().db.select().from(users);
		const cases: Array<[unknown, number]> = [
			[{ name: 'A', email: 'not-an-email', password: 'a long password' }, 400],
			[{ name: 'A', email: 'a@example.org', password: 'short' }, 400],
			[{ name: 'A', email: 'a@example.org', password: 'Password1234' }, 400],
			[{ name: 'A', email: 'a@example.org', password: 'aaaaaaaaaaaaaaaa' }, 400],
			[{ name: '', email: 'a@example.org', password: 'a long password' }, 400],
			[{ name: 42, email: 'a@example.org', password: 'a long password' }, 400]
		];
		for (const [body, status] of cases) {
			const result = await facilitator.request('POST', '/api/auth/signup', body);
			expect(result.status).toBe(status);
			expect(typeof result.body.error).toBe('string');
		}
		const notJson = await fetch(`${server.url}/api/auth/signup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: '{"name":'
		});
		expect(notJson.status).toBe(400);
		expect(await appContext().db.select().from(users)).toEqual(before);
	});

	it('answers a used e-mail exactly like a free one, in about the same time, and creates no second account', async () => {
		const email = await facilitator.signUp();
		const attempt = async (address: string) => {
			const started = performance.now();
			const result = await new ApiClient(server.url).request('POST', '/api/auth/signup', {
				name: 'Other',
				email: address,
				password: 'another long password'
			});
			return { ...result, ms: performance.now() - started };
		};
		// Warm up, then compare the medians of a few attempts each way.
		await attempt(`warm${Math.random().toString(36).slice(2)}@example.org`);
		const taken = [];
		const free = [];
		for (let i = 0; i < 5; i++) {
			taken.push(await attempt(email.toUpperCase()));
			free.push(await attempt(`n${i}${Math.random().toString(36).slice(2)}@example.org`));
		}
		for (const result of [...taken, ...free]) {
			expect(result.status).toBe(202);
			expect(result.body).toEqual(free[0]!.body);
		}
		const median = (list: { ms: number }[]) => list.map((r) => r.ms).sort((a, b) => a - b)[2]!;
		// The password is hashed either way: a used address is not answered faster.
		expect(Math.abs(median(taken) - median(free))).toBeLessThan(
			0.5 * Math.max(median(free), median(taken))
		);
		const owners = await appContext().db.select().from(users).where(eq(users.email, email));
		expect(owners).toHaveLength(1);
		expect(owners[0]?.name).toBe('Fatima Facilitatrice');
		// The owner's password still works; the newcomer's does not.
		const stranger = await new ApiClient(server.url).request('POST', '/api/auth/login', {
			email,
			password: 'another long password'
		});
		expect(stranger.status).toBe(401);
	});

	it('limits sign-ups per client address, with Retry-After', async () => {
		await h.cleanup();
		server = await h.server(await h.database(driver), { signupsPerHourPerAddress: 3 });
		const attempt = () =>
			fetch(`${server.url}/api/auth/signup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({
					name: 'Bot',
					email: `b${Math.random().toString(36).slice(2)}@example.org`,
					password: 'correct horse battery staple'
				})
			});
		for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(202);
		const refused = await attempt();
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused.json()).toMatchObject({ code: 'too_many_signups' });
	});

	it('logs in with a new session, refuses a wrong password, and logs out for good', async () => {
		const email = await facilitator.signUp();
		const browser = new ApiClient(server.url);
		const wrong = await browser.request('POST', '/api/auth/login', {
			email,
			password: 'nope nope'
		});
		expect(wrong.status).toBe(401);
		const unknown = await browser.request('POST', '/api/auth/login', {
			email: 'nobody@example.org',
			password: 'nope nope'
		});
		expect(unknown.status).toBe(401);
		expect(unknown.body.error).toBe(wrong.body.error);
		const login = await browser.request('POST', '/api/auth/login', {
			email,
			password: 'correct horse battery staple'
		});
		expect(login.status).toBe(200);
		expect(browser.cookie).not.toBe(facilitator.cookie);
		const oldCookie = browser.cookie;
		expect((await browser.request('POST', '/api/auth/logout')).status).toBe(200);
		const stale = new ApiClient(server.url);
		stale.cookie = oldCookie;
		expect((await stale.request('GET', '/api/boards')).status).toBe(401);
	});

	it('creates boards for facilitators only and lists them', async () => {
		expect((await facilitator.request('POST', '/api/boards', { title: 'x' })).status).toBe(401);
		await facilitator.signUp();
		const created = await facilitator.request<{ id: string; title: string; joinUrl: string }>(
			'POST',
			'/api/boards',
			{ title: '  Atelier mobilité  ' }
		);
		expect(created.status).toBe(201);
		expect(created.body.title).toBe('Atelier mobilité');
		expect(created.body.joinUrl).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{24}$`));
		const list = await facilitator.request<{ boards: Array<{ id: string; role: string }> }>(
			'GET',
			'/api/boards'
		);
		expect(list.body.boards).toEqual([
			expect.objectContaining({ id: created.body.id, role: 'facilitator' })
		]);
		expect((await facilitator.request('POST', '/api/boards', { title: '' })).status).toBe(400);
	});

	it('lets a guest join by link with a name and category, and nothing more', async () => {
		await facilitator.signUp();
		const board = await facilitator.createBoard('Parcours usager');
		const guest = new ApiClient(server.url);
		const boardId = await guest.join(board.joinUrl, 'Jean', 'elu');
		expect(boardId).toBe(board.id);
		const mine = await guest.request<{ role: string; category: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		expect(mine.body).toMatchObject({ role: 'participant', category: 'elu' });
		expect((await guest.request('POST', '/api/boards', { title: 'mine' })).status).toBe(403);
		expect((await guest.request('DELETE', `/api/boards/${board.id}/invite`)).status).toBe(403);
		const [stored] = await appContext().db.select().from(users).where(eq(users.name, 'Jean'));
		expect(stored).toMatchObject({ kind: 'guest', email: null, passwordHash: null });
	});

	it('stores join codes only hashed and sealed', async () => {
		await facilitator.signUp();
		const board = await facilitator.createBoard();
		const code = board.joinUrl.split('/').pop() ?? '';
		const rows = await appContext().db.select().from(invites);
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(code);
		expect(rows[0]?.codeHash).toBe(hashToken(code));
	});

	it('joins by the short code typed from the room screen (any case, spaces or hyphen), and locks out an address that guesses', async () => {
		await facilitator.signUp();
		const board = await facilitator.createBoard();
		const { body } = await facilitator.request<{ shortUrl: string }>(
			'GET',
			`/api/boards/${board.id}/invite`
		);
		const short = body.shortUrl.split('/').pop() ?? '';
		expect(short).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
		// Stored hashed and sealed, like the long code.
		expect(JSON.stringify(await appContext().db.select().from(invites))).not.toContain(
			short.replace('-', '')
		);
		const typed = encodeURIComponent(` ${short.toUpperCase().replace('-', ' ')} `);
		const preview = await new ApiClient(server.url).request('GET', `/api/join/${typed}`);
		expect(preview.status).toBe(200);
		const guest = new ApiClient(server.url);
		expect(await guest.join(`${server.url}/join/${short.replace('-', '')}`, 'Lea', 'agent')).toBe(
			board.id
		);

		// Guessing: the first unknown codes are typos (a room behind one address); past
		// FREE_JOIN_CODE_MISSES_PER_ADDRESS the address waits, even for a good code.
		const guesser = new ApiClient(server.url);
		for (let i = 0; i < FREE_JOIN_CODE_MISSES_PER_ADDRESS; i++) {
			const guess = `zzzz-${SHORT_CODE_ALPHABET[i % 31]}${SHORT_CODE_ALPHABET[Math.floor(i / 31)]}zz`;
			expect((await guesser.request('GET', `/api/join/${guess}`)).status).toBe(404);
		}
		expect((await guesser.request('GET', '/api/join/zzzz-zzzz')).status).toBe(404);
		const locked = await guesser.request<{ code: string; reason: string }>(
			'GET',
			`/api/join/${short}`
		);
		expect(locked.status).toBe(429);
		expect(locked.body).toMatchObject({ code: 'join_code_rate', reason: 'rate' });
	});

	it('revokes a join link: it then gives a clear 410, and a new link works', async () => {
		await facilitator.signUp();
		const board = await facilitator.createBoard();
		const code = board.joinUrl.split('/').pop();
		expect((await facilitator.request('GET', `/api/boards/${board.id}/invite`)).body).toEqual({
			joinUrl: board.joinUrl,
			shortUrl: expect.stringMatching(/\/join\/[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/)
		});
		expect((await facilitator.request('DELETE', `/api/boards/${board.id}/invite`)).status).toBe(
			200
		);
		const revoked = await new ApiClient(server.url).request('POST', `/api/join/${code}`, {
			name: 'Late',
			category: 'usager'
		});
		expect(revoked.status).toBe(410);
		expect(revoked.body.code).toBe('invite_revoked');
		const unknown = await new ApiClient(server.url).request('GET', '/api/join/not-a-real-code');
		expect(unknown.status).toBe(404);
		const renewed = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/boards/${board.id}/invite`
		);
		expect(renewed.status).toBe(201);
		expect(await new ApiClient(server.url).join(renewed.body.joinUrl, 'Lea', 'agent')).toBe(
			board.id
		);
	});

	it('issues websocket tickets only to people allowed on the board', async () => {
		await facilitator.signUp();
		const board = await facilitator.createBoard();
		const ticket = await facilitator.request<{ ticket: string; expiresAt: string }>(
			'POST',
			`/api/boards/${board.id}/ticket`
		);
		expect(ticket.status).toBe(200);
		expect(ticket.body.ticket).toMatch(/^[A-Za-z0-9_-]{24}\.[0-9a-f]{64}$/);
		expect(new Date(ticket.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Stranger');
		expect((await stranger.request('POST', `/api/boards/${board.id}/ticket`)).status).toBe(404);
		expect(
			(await new ApiClient(server.url).request('POST', `/api/boards/${board.id}/ticket`)).status
		).toBe(401);
	});

	it('locks an account out after repeated wrong passwords, even for the right one', async () => {
		const email = await facilitator.signUp();
		const attacker = new ApiClient(server.url);
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) {
			statuses.push(
				(await attacker.request('POST', '/api/auth/login', { email, password: `guess ${i}` }))
					.status
			);
		}
		expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
		expect(statuses[6]).toBe(429);
		const response = await fetch(`${server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ email, password: 'correct horse battery staple' })
		});
		expect(response.status).toBe(429);
		expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await response.json()).code).toBe('too_many_attempts');
	});
});
