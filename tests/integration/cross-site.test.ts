import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, joinAsGuest, userIdOf, warmUp } from './support.ts';

/**
 * A page on another site making the signed-in facilitator's browser send state-changing requests
 * (CSRF): bodiless POSTs, a text/plain form, a DELETE. Each must be refused with 403 and change
 * nothing, while the same requests from the site itself (or from a non-browser client) work.
 */

const EVIL = 'https://evil.example';

interface ForgedRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
}

interface Workshop {
	id: string;
	boardId: string;
	joinUrl: string;
}

/** Sends what a browser on `origin` would send, with the victim's cookie. */
async function forged(
	server: RunningServer,
	victim: ApiClient,
	input: ForgedRequest
): Promise<Response> {
	return fetch(server.url + input.path, {
		method: input.method,
		headers: { cookie: victim.cookie, ...input.headers },
		body: input.body,
		redirect: 'manual'
	});
}

describe('cross-site state-changing requests', () => {
	const h = new Harness();
	beforeAll(() => warmUp('pglite'));
	afterEach(() => h.cleanup());

	it('refuses archiving, erasure, admitting, a new link and sign-out everywhere from another site, and changes nothing', async () => {
		const database = await h.database('pglite');
		const server = await h.server(database);
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp();
		const created = await facilitator.request<Workshop>('POST', '/api/workshops', {
			title: 'Mobilité solidaire',
			admission: 'admit'
		});
		expect(created.status).toBe(201);
		const workshop = created.body;
		const guest = await joinAsGuest(server, workshop.joinUrl, 'Paul', 'usager');
		const guestId = await userIdOf(guest);
		const linkBefore = await facilitator.request<{ joinUrl: string }>(
			'GET',
			`/api/boards/${workshop.boardId}/invite`
		);

		const attacks: ForgedRequest[] = [
			// A bodiless POST from a script (no Content-Type at all: SvelteKit's form check skips it).
			{ method: 'POST', path: `/api/workshops/${workshop.id}/archive`, headers: { origin: EVIL } },
			// The same without Origin, as the fetch metadata of a cross-site request reveals it.
			{
				method: 'POST',
				path: `/api/workshops/${workshop.id}/archive`,
				headers: { 'sec-fetch-site': 'cross-site' }
			},
			{
				method: 'POST',
				path: `/api/workshops/${workshop.id}/people/${guestId}/erase`,
				headers: { origin: EVIL }
			},
			{
				method: 'POST',
				path: `/api/workshops/${workshop.id}/people/${guestId}/admit`,
				headers: { origin: 'null' }
			},
			{ method: 'POST', path: `/api/boards/${workshop.boardId}/invite`, headers: { origin: EVIL } },
			{
				method: 'DELETE',
				path: `/api/boards/${workshop.boardId}/invite`,
				headers: { 'sec-fetch-site': 'same-site' }
			},
			{ method: 'POST', path: '/api/auth/logout-all', headers: { origin: EVIL } },
			// A plain HTML form on the attacker's page (text/plain needs no preflight).
			{
				method: 'POST',
				path: '/logout-all',
				headers: { origin: EVIL, 'content-type': 'text/plain', accept: 'text/html' },
				body: 'x=1'
			},
			// The form action again, bodiless, sent by a browser that gives only fetch metadata.
			{ method: 'POST', path: '/logout-all', headers: { 'sec-fetch-site': 'cross-site' } }
		];
		for (const attack of attacks) {
			const response = await forged(server, facilitator, attack);
			expect(response.status, `${attack.method} ${attack.path}`).toBe(403);
			const text = await response.text();
			expect(text, `${attack.method} ${attack.path}`).toMatch(/cross-site/i);
			if (attack.path.startsWith('/api/')) {
				expect(JSON.parse(text)).toMatchObject({ code: 'cross_site_request' });
			}
		}

		// Nothing changed: still signed in, the workshop open, the link and the person as they were.
		const after = await facilitator.request<{ archived: boolean }>(
			'GET',
			`/api/workshops/${workshop.id}`
		);
		expect(after.status).toBe(200);
		expect(after.body.archived).toBe(false);
		const linkAfter = await facilitator.request<{ joinUrl: string }>(
			'GET',
			`/api/boards/${workshop.boardId}/invite`
		);
		expect(linkAfter.body.joinUrl).toBe(linkBefore.body.joinUrl);
		const people = await facilitator.request<{ people: { userId: string; status: string }[] }>(
			'GET',
			`/api/workshops/${workshop.id}/people`
		);
		expect(people.body).toMatchObject({ people: expect.any(Array) });
		expect(JSON.stringify(people.body)).toContain(guestId);
		expect(JSON.stringify(people.body)).toContain('Paul');

		// From the site itself, and from a client that is no browser, the same requests work.
		const renewed = await forged(server, facilitator, {
			method: 'POST',
			path: `/api/boards/${workshop.boardId}/invite`,
			headers: { origin: server.url, 'sec-fetch-site': 'same-origin' }
		});
		expect(renewed.status).toBe(201);
		const script = await forged(server, facilitator, {
			method: 'POST',
			path: `/api/workshops/${workshop.id}/archive`,
			headers: {}
		});
		expect(script.status).toBe(200);
	});
});
