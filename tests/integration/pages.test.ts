import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness } from './support.ts';
import { reasonOfStatus } from '../../src/lib/shared/refusals.ts';

describe.each(DRIVERS)('server-rendered pages (%s)', (driver) => {
	const h = new Harness();
	let server: RunningServer;

	beforeEach(async () => {
		server = await h.server(await h.database(driver));
	});

	afterEach(() => h.cleanup());

	async function page(path: string, cookie = '', language = 'fr-FR') {
		const response = await fetch(server.url + path, {
			headers: { cookie, 'accept-language': language },
			redirect: 'manual'
		});
		return { status: response.status, html: await response.text(), response };
	}

	it('renders the dashboard with the facilitator’s boards, in French by default', async () => {
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp('Nadia');
		await facilitator.createBoard('Atelier <parcours> & accueil');
		const { status, html } = await page('/dashboard', facilitator.cookie);
		expect(status).toBe(200);
		expect(html).toContain('<html lang="fr"');
		expect(html).toContain('Atelier &lt;parcours> &amp; accueil');
		expect(html).not.toContain('<parcours>');
	});

	it('sends a visitor without a session from the dashboard to the sign-in page', async () => {
		const { status, response } = await page('/dashboard');
		expect(status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/login/);
	});

	it('shows the join form with the board title, and a clear 404 page for an unknown link', async () => {
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp();
		const board = await facilitator.createBoard('Boîte à idées');
		const join = await page(new URL(board.joinUrl).pathname, '', 'en-GB');
		expect(join.status).toBe(200);
		expect(join.html).toContain('<html lang="en"');
		expect(join.html).toContain('Boîte à idées');
		const unknown = await page('/join/no-such-code-at-all');
		expect(unknown.status).toBe(404);
		expect(unknown.html).toContain('<h1');
	});

	it('refuses a board page with the reason the API and the live board use', async () => {
		const owner = new ApiClient(server.url);
		await owner.signUp('Nadia');
		const board = await owner.createBoard('Parcours usager');
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Paul');

		const forbidden = await page(`/boards/${board.id}`, stranger.cookie);
		expect(forbidden.status).toBe(403);
		expect(forbidden.html).toContain('data-refusal="forbidden"');
		const data = await page(`/boards/${board.id}/__data.json`, stranger.cookie);
		// SvelteKit answers a client-side navigation with one node per layout; the page's node is the error.
		const nodes = (JSON.parse(data.html) as { nodes: { type: string; error?: unknown }[] }).nodes;
		expect(nodes.find((node) => node.type === 'error')?.error).toMatchObject({
			reason: 'forbidden',
			code: 'board_forbidden'
		});

		const unknown = await page('/no/such/page', '', 'en-GB');
		expect(unknown.status).toBe(404);
		expect(unknown.html).toContain('data-refusal="not_found"');
	});

	it('refuses a form with the same reason vocabulary: a wrong password carries its reason beside its code', async () => {
		const response = await fetch(server.url + '/login', {
			method: 'POST',
			headers: {
				accept: 'application/json',
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'nobody@example.org', password: 'wrong password 123' })
		});
		const body = (await response.json()) as { type: string; status: number; data: string };
		expect(body.type).toBe('failure');
		// `data` is SvelteKit's devalue encoding of the action's data: the reason sits beside the code.
		const data = body.data;
		expect(data).toContain('"reason"');
		expect(data).toContain(`"${reasonOfStatus(body.status)}"`);
		expect(data).toContain('"bad_credentials"');
	});
});
