import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import type {
	ClientToServerEvents,
	ServerToClientEvents
} from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, upgradeStatus, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Workshop {
	id: string;
	boardId: string;
	joinUrl: string;
}

/** A facilitator with a new workshop (usager, agent, manager, elu). */
async function workshop(h: Harness, driver: 'pglite' | 'postgres', settings: object = {}) {
	const database = await h.database(driver);
	const server = await h.server(database);
	const facilitator = new ApiClient(server.url);
	await facilitator.signUp('Fatima Facilitatrice');
	const created = await facilitator.request<Workshop>('POST', '/api/workshops', {
		title: 'Mobilité solidaire',
		...settings
	});
	expect(created.status).toBe(201);
	return { server, facilitator, ws: created.body };
}

/** Creates a link; returns its id and join URL. */
async function invite(facilitator: ApiClient, workshopId: string, body: object) {
	const { status, body: link } = await facilitator.request<{ id: string; joinUrl: string }>(
		'POST',
		`/api/workshops/${workshopId}/invites`,
		body
	);
	expect(status).toBe(201);
	return link;
}

/** Joins through a link; returns the status and body. */
async function join(client: ApiClient, joinUrl: string, name: string, category: string) {
	const code = new URL(joinUrl).pathname.split('/').pop();
	return client.request<{ boardId: string; waiting: boolean; code?: string }>(
		'POST',
		`/api/join/${code}`,
		{ name, category }
	);
}

function socketOf(h: Harness, server: RunningServer, cookie: string): ClientSocket {
	const socket: ClientSocket = io(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false
	});
	h.defer(() => socket.disconnect());
	return socket;
}

describe.each(DRIVERS)('workshops, roles and invitations (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('keeps a workshop’s title, date, purpose and own categories, changed by facilitators only', async () => {
		const { server, facilitator, ws } = await workshop(h, driver, {
			date: '2026-12-03T09:30:00.000Z',
			purpose: 'Repenser le transport à la demande'
		});
		const got = await facilitator.request('GET', `/api/workshops/${ws.id}`);
		expect(got.body).toMatchObject({
			title: 'Mobilité solidaire',
			date: '2026-12-03T09:30:00.000Z',
			purpose: 'Repenser le transport à la demande',
			categories: ['usager', 'agent', 'manager', 'elu'],
			admission: 'open',
			role: 'facilitator',
			boards: [{ id: ws.boardId, title: 'Mobilité solidaire' }]
		});
		const renamed = ['usager', 'agent', 'encadrant', 'élu', 'travailleur pair'];
		const patched = await facilitator.request('PATCH', `/api/workshops/${ws.id}`, {
			categories: renamed
		});
		expect(patched.body).toMatchObject({ categories: renamed });
		const board = await facilitator.request('POST', `/api/workshops/${ws.id}/boards`, {
			title: 'Groupe usagers'
		});
		expect(board.status).toBe(201);

		const paul = new ApiClient(server.url);
		expect((await join(paul, ws.joinUrl, 'Paul', 'travailleur pair')).status).toBe(200);
		expect((await join(new ApiClient(server.url), ws.joinUrl, 'X', 'manager')).body).toMatchObject({
			code: 'category_invalid'
		});
		const mine = await paul.request('GET', `/api/workshops/${ws.id}`);
		expect(mine.body).toMatchObject({ role: 'participant', category: 'travailleur pair' });
		expect((mine.body.boards as unknown[]).length).toBe(2);
		const refused = await paul.request('PATCH', `/api/workshops/${ws.id}`, { title: 'Piraté' });
		expect(refused.status).toBe(403);
		expect((await paul.request('GET', `/api/workshops/${ws.id}/people`)).status).toBe(403);
		expect((await new ApiClient(server.url).request('GET', `/api/workshops/${ws.id}`)).status).toBe(
			401
		);
	});

	it('gives the link’s role and category whatever the guest sends, and an observer’s edit never lands', async () => {
		const { server, facilitator, ws } = await workshop(h, driver);
		const eluLink = await invite(facilitator, ws.id, { role: 'participant', category: 'elu' });
		const observerLink = await invite(facilitator, ws.id, { role: 'observer', category: null });
		const elu = new ApiClient(server.url);
		expect((await join(elu, eluLink.joinUrl, 'Élise', 'usager')).status).toBe(200);
		expect((await elu.request('GET', `/api/workshops/${ws.id}`)).body).toMatchObject({
			role: 'participant',
			category: 'elu'
		});
		const observer = new ApiClient(server.url);
		await join(observer, observerLink.joinUrl, 'Olga', 'agent');

		const writer = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		const watcher = await h.syncedProvider(server, ws.boardId, { cookie: observer.cookie });
		createSticky(watcher.doc, { x: 0, y: 0, text: 'Je ne devrais pas écrire' });
		await vi.waitFor(() => expect(watcher.closeCodes).toContain(CloseCode.Forbidden), WAIT);
		createSticky(writer.doc, { x: 10, y: 0, text: 'Bienvenue' });
		const fresh = await h.syncedProvider(server, ws.boardId, { cookie: elu.cookie });
		await vi.waitFor(() => expect(listItems(fresh.doc)).toHaveLength(1), WAIT);
		expect(listItems(fresh.doc)[0]?.category).toBeNull();
	});

	it('stops a link after its expiry, its usage limit or its revocation, and draws it as an SVG QR code', async () => {
		const { server, facilitator, ws } = await workshop(h, driver);
		const past = await invite(facilitator, ws.id, { expiresAt: '2020-01-01T00:00:00.000Z' });
		const once = await invite(facilitator, ws.id, { maxUses: 1, label: 'QR salle' });
		const revoked = await invite(facilitator, ws.id, {});
		const guest = () => new ApiClient(server.url);

		expect((await join(guest(), past.joinUrl, 'A', 'usager')).body).toMatchObject({
			code: 'invite_expired'
		});
		expect((await join(guest(), once.joinUrl, 'B', 'usager')).status).toBe(200);
		const second = await join(guest(), once.joinUrl, 'C', 'usager');
		expect([second.status, second.body.code]).toEqual([410, 'invite_used_up']);
		const del = await facilitator.request(
			'DELETE',
			`/api/workshops/${ws.id}/invites/${revoked.id}`
		);
		expect(del.status).toBe(200);
		expect((await join(guest(), revoked.joinUrl, 'D', 'usager')).status).toBe(410);

		const list = await facilitator.request<{ invites: { id: string; state: string }[] }>(
			'GET',
			`/api/workshops/${ws.id}/invites`
		);
		const states = Object.fromEntries(list.body.invites.map((link) => [link.id, link.state]));
		expect(states).toMatchObject({
			[past.id]: 'expired',
			[once.id]: 'used_up',
			[revoked.id]: 'revoked'
		});

		const qr = await fetch(`${server.url}/api/workshops/${ws.id}/invites/${once.id}/qr`, {
			headers: { cookie: facilitator.cookie }
		});
		expect(qr.headers.get('content-type')).toBe('image/svg+xml');
		expect(await qr.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
	});

	it('keeps guests of an "admit" workshop on a waiting list, out of every board, until admitted', async () => {
		const { server, facilitator, ws } = await workshop(h, driver, { admission: 'admit' });
		const paul = new ApiClient(server.url);
		const joined = await join(paul, ws.joinUrl, 'Paul', 'usager');
		expect(joined.body).toMatchObject({ waiting: true });
		expect((await paul.request('GET', `/api/workshops/${ws.id}/me`)).body).toEqual({
			status: 'waiting'
		});
		expect((await paul.request('GET', `/api/boards/${ws.boardId}`)).status).toBe(404);
		const headers = { headers: { cookie: paul.cookie } };
		expect(await upgradeStatus(server, `/yjs/${ws.boardId}`, headers)).toBe(403);

		const people = await facilitator.request<{ people: { userId: string; status: string }[] }>(
			'GET',
			`/api/workshops/${ws.id}/people`
		);
		const paulId = await userIdOf(paul);
		expect(people.body.people.find((p) => p.userId === paulId)?.status).toBe('waiting');
		const admit = await facilitator.request(
			'POST',
			`/api/workshops/${ws.id}/people/${paulId}/admit`
		);
		expect(admit.status).toBe(200);
		expect((await paul.request('GET', `/api/boards/${ws.boardId}`)).status).toBe(200);
		expect(await upgradeStatus(server, `/yjs/${ws.boardId}`, headers)).toBe(101);
	});

	it('shows who is online, changes a role live, and removes someone for good', async () => {
		const { server, facilitator, ws } = await workshop(h, driver);
		const paul = new ApiClient(server.url);
		await join(paul, ws.joinUrl, 'Paul', 'usager');
		const paulId = await userIdOf(paul);
		const socket = socketOf(h, server, paul.cookie);
		const changed = vi.fn();
		socket.on('access:changed', changed);
		expect(await socket.emitWithAck('board:join', { boardId: ws.boardId })).toMatchObject({
			ok: true
		});
		const online = async () => {
			const { body } = await facilitator.request<{ people: { userId: string; online: boolean }[] }>(
				'GET',
				`/api/workshops/${ws.id}/people`
			);
			return body.people.find((p) => p.userId === paulId)?.online;
		};
		expect(await online()).toBe(true);

		const demote = await facilitator.request('PATCH', `/api/workshops/${ws.id}/people/${paulId}`, {
			role: 'observer'
		});
		expect(demote.status).toBe(200);
		await vi.waitFor(() => expect(changed).toHaveBeenCalledWith({ workshopId: ws.id }), WAIT);
		expect((await paul.request('GET', `/api/workshops/${ws.id}`)).body).toMatchObject({
			role: 'observer'
		});
		await vi.waitFor(async () => expect(await online()).toBe(false), WAIT);

		const provider = await h.syncedProvider(server, ws.boardId, { cookie: paul.cookie });
		const otherLink = await invite(facilitator, ws.id, {});
		const removal = await facilitator.request(
			'DELETE',
			`/api/workshops/${ws.id}/people/${paulId}`,
			{ revokeLink: true }
		);
		expect(removal.status).toBe(200);
		await vi.waitFor(() => expect(provider.closeCodes).toContain(CloseCode.Forbidden), WAIT);
		expect(
			await upgradeStatus(server, `/yjs/${ws.boardId}`, { headers: { cookie: paul.cookie } })
		).toBe(403);
		expect((await join(paul, ws.joinUrl, 'Paul', 'usager')).status).toBe(410);
		expect((await join(paul, otherLink.joinUrl, 'Paul', 'usager')).body).toMatchObject({
			code: 'removed'
		});
		const fresh = await join(new ApiClient(server.url), ws.joinUrl, 'Paul bis', 'usager');
		expect(fresh.status).toBe(410);
	});

	it('keeps at least one facilitator and lets facilitators name co-facilitators', async () => {
		const { server, facilitator, ws } = await workshop(h, driver);
		const me = await userIdOf(facilitator);
		const stepDown = await facilitator.request('PATCH', `/api/workshops/${ws.id}/people/${me}`, {
			role: 'participant'
		});
		expect([stepDown.status, stepDown.body.code]).toEqual([409, 'last_facilitator']);
		const colleague = new ApiClient(server.url);
		await colleague.signUp('Claire Cofacilitatrice');
		await join(colleague, ws.joinUrl, 'Claire', 'agent');
		const claireId = await userIdOf(colleague);
		await facilitator.request('PATCH', `/api/workshops/${ws.id}/people/${claireId}`, {
			role: 'facilitator'
		});
		expect((await colleague.request('GET', `/api/workshops/${ws.id}/people`)).status).toBe(200);
	});
});
