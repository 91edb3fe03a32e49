import { count, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, itemsOf, listItems } from '../../src/lib/board/schema.ts';
import { users, workshops } from '../../src/lib/server/db/schema.ts';
import { isFailure } from '../../src/lib/server/services/failure.ts';
import type { WorkshopRecord } from '../../src/lib/server/services/workshop-record-export.ts';
import { importWorkshopRecord } from '../../src/lib/server/services/workshop-record-import.ts';
import { readWorkshopRecord } from '../../src/lib/server/services/workshop-record-read.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, db, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 50 };

/** The items of an exported board state. */
function itemsOfState(state: string) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Buffer.from(state, 'base64'));
	return listItems(doc);
}

/**
 * A workshop record with what legitimately differs between an export and the export of its
 * import replaced: refs become `name|role|category`, board and round ids their position, board
 * states their items; `exportedAt` goes. The people list is returned apart (the importer joins it).
 */
function comparable(document: WorkshopRecord) {
	const ids = new Map<string, string>([
		...document.people.map((p): [string, string] => [p.ref, `${p.name}|${p.role}|${p.category}`]),
		...document.boards.map((b, i): [string, string] => [b.id, `board#${i}`]),
		...document.voteRounds.map((r, i): [string, string] => [r.id, `round#${i}`])
	]);
	let text = JSON.stringify({
		...document,
		exportedAt: null,
		people: null,
		boards: document.boards.map(({ state, id, ...board }) => ({
			...board,
			id,
			items: itemsOfState(state)
		}))
	});
	for (const [from, to] of ids) text = text.replaceAll(`"${from}"`, `"${to}"`);
	const people = document.people.map((p) => ids.get(p.ref) as string).sort();
	return { rest: JSON.parse(text) as Record<string, unknown>, people };
}

async function workshopCount(): Promise<number> {
	const [row] = await db().select({ n: count() }).from(workshops);
	return Number(row?.n ?? 0);
}

describe.each(DRIVERS)('workshop record import (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	/** A real workshop: notes, a closed vote round, feedback and events, archived and exported. */
	async function exportedWorkshop() {
		const setup = await workshopWith(h, driver, [
			{ name: 'Ulla', category: 'usager' },
			{ name: 'Alain', category: 'agent' }
		]);
		const { server, facilitator, ws, guests } = setup;
		const [ulla, alain] = guests as [ApiClient, ApiClient];
		const u = await h.syncedProvider(server, ws.boardId, { cookie: ulla.cookie });
		const a = await h.syncedProvider(server, ws.boardId, { cookie: alain.cookie });
		const horaires = createSticky(u.doc, { x: 0, y: 0, text: 'Horaires', category: 'usager' });
		const guichet = createSticky(a.doc, { x: 300, y: 0, text: 'Guichet', category: 'agent' });
		await vi.waitFor(() => expect(itemsOf(u.doc).size).toBe(2), WAIT);
		await vi.waitFor(() => expect(itemsOf(a.doc).size).toBe(2), WAIT);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const voters = await Promise.all(
			[ulla, alain].map((guest) => facilitationClient(h, server, guest.cookie, ws.boardId))
		);
		const boardId = ws.boardId;
		const open = { boardId, frameId: null, dots: 2, onePerObject: false, anonymous: false };
		expect(await fatima.socket.emitWithAck('vote:open', open)).toEqual({ ok: true });
		for (const [voter, itemId] of [
			[voters[0], horaires],
			[voters[0], horaires],
			[voters[1], guichet]
		] as const) {
			expect(await voter?.socket.emitWithAck('vote:cast', { boardId, itemId })).toEqual({
				ok: true
			});
		}
		expect(await fatima.socket.emitWithAck('vote:close', { boardId })).toEqual({ ok: true });
		const settings = { retentionMonths: 24, evaluatorsSeeNames: true };
		expect((await facilitator.request('PATCH', `/api/workshops/${ws.id}`, settings)).status).toBe(
			200
		);
		const feedback = `/api/workshops/${ws.id}/feedback`;
		await ulla.request('POST', feedback, { satisfaction: 4, worked: 'Écoute', change: '' });
		await alain.request('POST', feedback, { satisfaction: 2, worked: '', change: 'Plus court' });
		expect((await facilitator.request('POST', `/api/workshops/${ws.id}/archive`)).status).toBe(200);
		const { status, body } = await facilitator.request<WorkshopRecord>(
			'GET',
			`/api/workshops/${ws.id}/export.json`
		);
		expect(status).toBe(200);
		return { ...setup, document: body };
	}

	it('restores an exported workshop record as a new archived workshop whose export matches', async () => {
		const { server, facilitator, document } = await exportedWorkshop();
		expect(document.voteRounds[0]?.votes).toHaveLength(3);
		expect(document.feedback).toHaveLength(2);
		expect(document.events.map((event) => event.type)).toEqual(
			expect.arrayContaining(['join', 'vote-open', 'vote', 'vote-close', 'workshop-archived'])
		);
		const accountsBefore = await db()
			.select({ n: count() })
			.from(users)
			.where(eq(users.kind, 'account'));

		const imported = await facilitator.request<{ id: string; boardIds: string[] }>(
			'POST',
			'/api/workshops/import',
			document
		);
		expect(imported.status).toBe(201);
		const { body: view } = await facilitator.request(`GET`, `/api/workshops/${imported.body.id}`);
		expect(view).toMatchObject({
			archived: true,
			role: 'facilitator',
			title: 'Atelier',
			retentionMonths: 24,
			evaluatorsSeeNames: true
		});
		const again = await facilitator.request<WorkshopRecord>(
			'GET',
			`/api/workshops/${imported.body.id}/export.json`
		);
		expect(again.status).toBe(200);

		// Equal apart from: ids and refs (mapped), exportedAt, and the importer, one more facilitator.
		const before = comparable(document);
		const after = comparable(again.body);
		expect(after.rest).toEqual(before.rest);
		expect(after.people).toEqual(
			[...before.people, 'Fatima Facilitatrice|facilitator|null'].sort()
		);
		expect(again.body.boards.map((b) => itemsOfState(b.state).length)).toEqual(
			document.boards.map((b) => itemsOfState(b.state).length)
		);
		// Figures by category, as the report reads them.
		const figures = await facilitator.request<{ votes: unknown; feedback: unknown }>(
			'GET',
			`/api/workshops/${imported.body.id}/figures`
		);
		expect(figures.body).toEqual(document.figures);
		// The people are placeholders: no account was created.
		const accountsAfter = await db()
			.select({ n: count() })
			.from(users)
			.where(eq(users.kind, 'account'));
		expect(accountsAfter).toEqual(accountsBefore);

		// Documents from before the optional settings existed still import, with safe defaults.
		const { evaluatorsSeeNames, retentionMonths, ...older } = document.workshop;
		expect([evaluatorsSeeNames, retentionMonths]).toEqual([true, 24]);
		const old = await facilitator.request<{ id: string }>('POST', '/api/workshops/import', {
			...document,
			workshop: older
		});
		expect(old.status).toBe(201);
		const { body: oldView } = await facilitator.request(`GET`, `/api/workshops/${old.body.id}`);
		expect(oldView).toMatchObject({ retentionMonths: null, evaluatorsSeeNames: false });

		// The imported board loads (snapshot) for a fresh client and its replay has a step.
		const boardId = imported.body.boardIds[0] as string;
		const fresh = await h.syncedProvider(server, boardId, { cookie: facilitator.cookie });
		expect(
			listItems(fresh.doc)
				.map((item) => item.text)
				.sort()
		).toEqual(['Guichet', 'Horaires']);
		const history = await facilitator.request<{ snapshots: unknown[] }>(
			'GET',
			`/api/boards/${boardId}/history`
		);
		expect(history.body.snapshots).toHaveLength(1);
	}, 60_000);

	it('refuses bad documents with a 4xx and creates nothing; only accounts may import', async () => {
		const { server, facilitator, document, guests } = await exportedWorkshop();
		const total = await workshopCount();
		const post = (client: ApiClient, body: string) =>
			fetch(`${server.url}/api/workshops/import`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: client.cookie, origin: server.url },
				body
			}).then(async (response) => ({
				status: response.status,
				body: (await response.json()) as { code: string; error: string }
			}));
		const bad: [string, number, string][] = [
			[JSON.stringify({ ...document, version: 2 }), 400, 'record_format'],
			[JSON.stringify({ ...document, format: 'other' }), 400, 'record_format'],
			[JSON.stringify([1, 2]), 400, 'record_format'],
			[JSON.stringify(document).slice(0, 500), 400, 'invalid_json'],
			[JSON.stringify({ ...document, feedback: [{ satisfaction: 'five' }] }), 400, 'invalid_input'],
			[
				JSON.stringify({
					...document,
					workshop: { ...document.workshop, title: 'x'.repeat(100_000) }
				}),
				400,
				'invalid_input'
			],
			[
				JSON.stringify({ ...document, boards: [{ ...document.boards[0], state: 'AQID' }] }),
				400,
				'invalid_input'
			],
			[
				JSON.stringify({
					...document,
					voteRounds: [{ ...document.voteRounds[0], boardId: 'elsewhere' }]
				}),
				400,
				'invalid_input'
			]
		];
		bad.push([
			JSON.stringify({
				...document,
				feedback: [{ ...document.feedback[0], at: '0000-06-01T00:00:00Z' }]
			}),
			400,
			'invalid_input'
		]);
		for (const [body, status, code] of bad) {
			expect(await post(facilitator, body)).toMatchObject({ status, body: { code } });
		}
		const typed = await post(facilitator, JSON.stringify({ ...document, feedback: 3 }));
		expect(typed.body.error).toMatch(/^feedback: /);
		const huge = `{"format":"croisee-session","pad":"${'x'.repeat(11 * 1024 * 1024)}"}`;
		expect((await post(facilitator, huge)).status).toBe(413);

		const guest = guests[0] as ApiClient;
		expect(await post(guest, JSON.stringify(document))).toMatchObject({
			status: 403,
			body: { code: 'account_required' }
		});
		expect(await post(new ApiClient(server.url), JSON.stringify(document))).toMatchObject({
			status: 401
		});
		expect(await workshopCount()).toBe(total);
	}, 60_000);

	it('leaves nothing behind when the database refuses part of an import', async () => {
		const { facilitator, document } = await exportedWorkshop();
		const read = readWorkshopRecord({
			bytes: new TextEncoder().encode(JSON.stringify(document)),
			maxObjects: 5000,
			maxDepth: 32
		});
		if (isFailure(read)) throw new Error(read.message);
		const ownerId = await userIdOf(facilitator);
		const [before] = await db().select({ n: count() }).from(users);
		const workshopsBefore = await workshopCount();
		// The same person answering twice breaks the feedback key, after everything else was written.
		const twice = {
			...read.document,
			feedback: [read.document.feedback[0]!, read.document.feedback[0]!]
		};
		await expect(
			importWorkshopRecord({ ownerId, read: { ...read, document: twice } })
		).rejects.toThrow();
		expect(await workshopCount()).toBe(workshopsBefore);
		expect(await db().select({ n: count() }).from(users)).toEqual([before]);
	}, 60_000);
});
