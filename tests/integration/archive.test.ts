import { and, desc, eq, max } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { boardSnapshots, boardUpdates, workshopEvents } from '../../src/lib/server/db/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, db, upgradeStatus, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** Every facilitation command, with a payload valid before the archive. */
function commands(boardId: string): [string, Record<string, unknown>][] {
	return [
		['agenda:set', { boardId, phases: [{ id: 'p1', title: 'Ouverture', plannedSeconds: 60 }] }],
		['phase:set', { boardId, phaseId: null }],
		['timer:start', { boardId, seconds: 60 }],
		['timer:pause', { boardId }],
		['timer:add', { boardId, seconds: 30 }],
		['hand:set', { boardId, raised: true }],
		['hand:lower', { boardId, personId: 'x' }],
		['reaction:send', { boardId, reaction: 'agree' }],
		['follow:set', { boardId, on: true }],
		['spotlight:set', { boardId, itemId: null }],
		['lock:set', { boardId, targetId: '', locked: true }],
		['vote:open', { boardId, dots: 3 }],
		['vote:cast', { boardId, itemId: 'x' }],
		['vote:retract', { boardId, itemId: 'x' }],
		['vote:close', { boardId }],
		['brainstorm:set', { boardId, on: true }],
		['brainstorm:reveal', { boardId }],
		['draft:update', { boardId, update: new Uint8Array([0, 0]) }],
		['groups:split', { boardId }],
		['groups:cross', { boardId }]
	];
}

describe.each(DRIVERS)('archiving a workshop (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('makes every live connection read-only at once and writes the final snapshot', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const [paul] = guests as [ApiClient];
		const writer = await h.syncedProvider(server, ws.boardId, { cookie: paul.cookie });
		const live = await facilitationClient(h, server, paul.cookie, ws.boardId);
		createSticky(writer.doc, { x: 0, y: 0, text: 'Avant l’archivage', category: 'usager' });
		const reader = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(reader.doc)).toHaveLength(1), WAIT);

		const archived = await facilitator.request('POST', `/api/workshops/${ws.id}/archive`);
		expect(archived.status).toBe(200);
		await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.Forbidden), WAIT);
		await vi.waitFor(() => expect(live.received.has('access:changed')).toBe(true), WAIT);

		const [last] = await db()
			.select({ seq: max(boardUpdates.seq) })
			.from(boardUpdates)
			.where(eq(boardUpdates.boardId, ws.boardId));
		const [snapshot] = await db()
			.select({ seq: boardSnapshots.seq, itemCount: boardSnapshots.itemCount })
			.from(boardSnapshots)
			.where(eq(boardSnapshots.boardId, ws.boardId))
			.orderBy(desc(boardSnapshots.seq))
			.limit(1);
		expect(last?.seq).toBeGreaterThan(0);
		expect(snapshot).toEqual({ seq: last?.seq, itemCount: 1 });
		const events = await db()
			.select({ type: workshopEvents.type })
			.from(workshopEvents)
			.where(
				and(eq(workshopEvents.workshopId, ws.id), eq(workshopEvents.type, 'workshop-archived'))
			);
		expect(events).toHaveLength(1);
		expect((await facilitator.request('POST', `/api/workshops/${ws.id}/archive`)).body).toEqual({
			error: expect.any(String),
			code: 'workshop_archived',
			reason: 'conflict'
		});
	});

	it('refuses every write path afterwards: Yjs, each facilitation event and the API', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const [paul] = guests as [ApiClient];
		const paulId = await userIdOf(paul);
		expect((await facilitator.request('POST', `/api/workshops/${ws.id}/archive`)).status).toBe(200);

		for (const cookie of [facilitator.cookie, paul.cookie]) {
			const client = await h.syncedProvider(server, ws.boardId, { cookie });
			createSticky(client.doc, { x: 5, y: 5, text: 'Après' });
			await vi.waitFor(() => expect(client.closeCodes).toContain(CloseCode.Forbidden), WAIT);
			const client2 = await facilitationClient(h, server, cookie, ws.boardId);
			for (const [event, payload] of commands(ws.boardId)) {
				// Untyped on purpose: every command name, whatever its payload type.
				const socket = client2.socket as unknown as {
					emitWithAck(name: string, body: unknown): Promise<{ reason?: string }>;
				};
				const ack = await socket.emitWithAck(event, payload);
				expect([event, ack.reason]).toEqual([event, 'forbidden']);
			}
		}
		const fresh = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		expect(listItems(fresh.doc)).toHaveLength(0);

		const writes: [string, string, unknown][] = [
			['PATCH', `/api/workshops/${ws.id}`, { title: 'Renommé' }],
			['POST', `/api/workshops/${ws.id}/boards`, { title: 'Nouveau' }],
			['POST', `/api/workshops/${ws.id}/invites`, { role: 'participant', category: 'usager' }],
			['PATCH', `/api/workshops/${ws.id}/people/${paulId}`, { role: 'observer' }],
			['POST', `/api/workshops/${ws.id}/people/${paulId}/admit`, undefined],
			['POST', `/api/boards/${ws.boardId}/invite`, undefined]
		];
		for (const [method, path, body] of writes) {
			const answer = await facilitator.request(method, path, body);
			expect([path, answer.status, answer.body.code]).toEqual([path, 409, 'workshop_archived']);
		}
		const feedback = await paul.request('POST', `/api/workshops/${ws.id}/feedback`, {
			satisfaction: 4,
			worked: '',
			change: ''
		});
		expect([feedback.status, feedback.body.code]).toEqual([409, 'workshop_archived']);
		const upload = await fetch(`${server.url}/api/boards/${ws.boardId}/files`, {
			method: 'POST',
			headers: { cookie: paul.cookie, 'content-type': 'image/png' },
			body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
		});
		expect(upload.status).toBe(409);
		const got = await facilitator.request('GET', `/api/workshops/${ws.id}`);
		expect(got.body).toMatchObject({ title: 'Atelier', archived: true });
	});

	it('lets evaluators in through their link once archived, and never onto a live board', async () => {
		const { server, facilitator, ws } = await workshopWith(h, driver, []);
		const { body: early } = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/workshops/${ws.id}/invites`,
			{ role: 'evaluator', category: null }
		);
		const eve = new ApiClient(server.url);
		await eve.join(early.joinUrl, 'Eve Évaluatrice', 'agent');
		expect((await eve.request('GET', `/api/boards/${ws.boardId}`)).status).toBe(404);
		const headers = { headers: { cookie: eve.cookie } };
		expect(await upgradeStatus(server, `/yjs/${ws.boardId}`, headers)).toBe(403);

		expect((await facilitator.request('POST', `/api/workshops/${ws.id}/archive`)).status).toBe(200);
		const { status, body: late } = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/workshops/${ws.id}/invites`,
			{ role: 'evaluator', category: null }
		);
		expect(status).toBe(201);
		const evan = new ApiClient(server.url);
		await evan.join(late.joinUrl, 'Evan Évaluateur', 'agent');
		expect((await evan.request('GET', `/api/workshops/${ws.id}`)).body).toMatchObject({
			role: 'evaluator',
			archived: true
		});
		expect((await eve.request('GET', `/api/boards/${ws.boardId}`)).status).toBe(200);
	});
});
