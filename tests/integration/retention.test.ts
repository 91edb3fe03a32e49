import { and, asc, eq, lte } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeHistoryPage, decodeHistorySnapshot } from '../../src/lib/board/history-format.ts';
import { ReplayEngine, type HistorySnapshot } from '../../src/lib/board/replay.ts';
import { createSticky, itemText, listItems } from '../../src/lib/board/schema.ts';
import {
	boardSnapshots,
	boardUpdates,
	workshopEvents,
	workshops
} from '../../src/lib/server/db/schema.ts';
import { monthsBefore, purgeExpiredLogs } from '../../src/lib/server/services/retention.ts';
import { tryBoardHistoryLock } from '../../src/lib/server/history/store.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { workshopWith } from './facilitation-support.ts';
import { Harness, db, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 50 };

/** Logged seqs of a board, in order. */
async function loggedSeqs(boardId: string): Promise<number[]> {
	const rows = await db()
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId))
		.orderBy(asc(boardUpdates.seq));
	return rows.map((row) => row.seq);
}

/** Moves the log entries up to `seq` back in time by `months` months. */
async function backdate(boardId: string, seq: number, months: number): Promise<void> {
	await db()
		.update(boardUpdates)
		.set({ at: monthsBefore(new Date(), months) })
		.where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, seq)));
}

/** The board at the end of its history, loaded the way the replay page loads it. */
async function replayedEnd(client: ApiClient, boardId: string) {
	const base = `/api/boards/${boardId}/history`;
	const { body: index } = await client.request<{
		snapshots: { seq: number; at: number }[];
		purgedBefore: number | null;
	}>('GET', base);
	const page = await fetch(`${client.baseUrl}${base}/updates?after=0`, {
		headers: { cookie: client.cookie }
	});
	const updates = decodeHistoryPage(new Uint8Array(await page.arrayBuffer()));
	const firstSeq = updates[0]?.seq ?? Number.POSITIVE_INFINITY;
	const snapshots: HistorySnapshot[] = [];
	for (const { seq } of index.snapshots.filter((snapshot) => snapshot.seq < firstSeq)) {
		const answer = await fetch(`${client.baseUrl}${base}/snapshots/${seq}`, {
			headers: { cookie: client.cookie }
		});
		snapshots.push(decodeHistorySnapshot(new Uint8Array(await answer.arrayBuffer())));
	}
	const engine = new ReplayEngine({ updates, snapshots });
	return { index, engine, doc: engine.docAt(engine.steps.length) };
}

const texts = (doc: Y.Doc) => listItems(doc).map((item) => item.text ?? '');

describe.each(DRIVERS)('retention purge of update logs (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('purges expired updates but keeps the board, its replay, its figures; records it once', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Ulla', category: 'usager' },
			{ name: 'Alain', category: 'agent' }
		]);
		const [ulla, alain] = guests as [ApiClient, ApiClient];
		const u = await h.syncedProvider(server, ws.boardId, { cookie: ulla.cookie });
		const a = await h.syncedProvider(server, ws.boardId, { cookie: alain.cookie });
		const first = createSticky(u.doc, { x: 0, y: 0, text: 'Horaires', category: 'usager' });
		createSticky(a.doc, { x: 200, y: 0, text: 'Guichet unique', category: 'agent' });
		await vi.waitFor(async () => expect((await loggedSeqs(ws.boardId)).length).toBe(2), WAIT);
		itemText(u.doc, first)?.insert(8, ' du soir');
		createSticky(a.doc, { x: 400, y: 0, text: 'Formulaires', category: 'agent' });
		await vi.waitFor(async () => expect((await loggedSeqs(ws.boardId)).length).toBe(4), WAIT);
		const seqs = await loggedSeqs(ws.boardId);
		const expected = ['Guichet unique', 'Formulaires', 'Horaires du soir'].sort();
		u.provider.destroy();
		a.provider.destroy();

		const path = `/api/workshops/${ws.id}`;
		expect((await facilitator.request('POST', `${path}/archive`)).status).toBe(200);
		// Retention stays changeable once archived; bad values are refused and change nothing.
		for (const retentionMonths of [0, 121, 'x', 2.5]) {
			const refused = await facilitator.request('PATCH', path, { retentionMonths });
			expect(refused.status).toBe(400);
		}
		expect((await facilitator.request(`GET`, path)).body).toMatchObject({ retentionMonths: null });
		const set = await facilitator.request('PATCH', path, { retentionMonths: 12 });
		expect(set).toMatchObject({ status: 200, body: { retentionMonths: 12 } });

		const figuresBefore = (await facilitator.request('GET', `${path}/figures`)).body;
		const replayBefore = await replayedEnd(facilitator, ws.boardId);
		expect(texts(replayBefore.doc).sort()).toEqual(expected);
		expect(replayBefore.index.purgedBefore).toBeNull();

		// The first two updates are 13 months old, the others recent.
		const lastOld = seqs[1] as number;
		await backdate(ws.boardId, lastOld, 13);
		if (driver === 'postgres') {
			// Another instance holding the board's history lock: this one leaves the board alone.
			await db().transaction(async (tx) => {
				expect(await tryBoardHistoryLock(tx, ws.boardId)).toBe(true);
				expect(await purgeExpiredLogs({ now: new Date() })).toEqual({ boards: 0, updates: 0 });
			});
			expect(await loggedSeqs(ws.boardId)).toEqual(seqs);
		}
		expect(await purgeExpiredLogs({ now: new Date() })).toEqual({ boards: 1, updates: 2 });

		expect(await loggedSeqs(ws.boardId)).toEqual(seqs.slice(2));
		const snapshotSeqs = (
			await db()
				.select({ seq: boardSnapshots.seq })
				.from(boardSnapshots)
				.where(eq(boardSnapshots.boardId, ws.boardId))
		).map((row) => row.seq);
		expect(snapshotSeqs).toContain(lastOld);

		const fresh = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		expect(texts(fresh.doc).sort()).toEqual(expected);
		expect((await facilitator.request('GET', `${path}/figures`)).body).toEqual(figuresBefore);

		const replayAfter = await replayedEnd(facilitator, ws.boardId);
		expect(replayAfter.engine.usesSnapshots).toBe(true);
		expect(replayAfter.index.purgedBefore).toEqual(expect.any(Number));
		expect(listItems(replayAfter.doc)).toEqual(listItems(replayBefore.doc));

		const events = await db()
			.select({
				type: workshopEvents.type,
				actorId: workshopEvents.actorId,
				payload: workshopEvents.payload
			})
			.from(workshopEvents)
			.where(and(eq(workshopEvents.workshopId, ws.id), eq(workshopEvents.type, 'log-purged')));
		expect(events).toEqual([
			{
				type: 'log-purged',
				actorId: null,
				payload: { boardId: ws.boardId, beforeSeq: lastOld + 1, count: 2 }
			}
		]);
		const [row] = await db()
			.select({ logPurgedAt: workshops.logPurgedAt })
			.from(workshops)
			.where(eq(workshops.id, ws.id));
		expect(row?.logPurgedAt).toBeInstanceOf(Date);

		// A second sweep finds nothing more to do.
		expect(await purgeExpiredLogs({ now: new Date() })).toEqual({ boards: 0, updates: 0 });
		expect(await loggedSeqs(ws.boardId)).toEqual(seqs.slice(2));
		expect((await facilitator.request('GET', `${path}/figures`)).body).toEqual(figuresBefore);
	}, 60_000);

	it('keeps every update of a workshop without retention, and of a live one', async () => {
		const { server, facilitator, ws } = await workshopWith(h, driver, []);
		const writer = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		createSticky(writer.doc, { x: 0, y: 0, text: 'Ancien', category: null });
		await vi.waitFor(async () => expect(await loggedSeqs(ws.boardId)).toHaveLength(1), WAIT);
		await backdate(ws.boardId, 1, 200);
		writer.provider.destroy();
		const path = `/api/workshops/${ws.id}`;
		// Live: figures come from the log, so a retention applies only once archived.
		await facilitator.request('PATCH', path, { retentionMonths: 1 });
		expect(await purgeExpiredLogs({ now: new Date() })).toEqual({ boards: 0, updates: 0 });
		expect(await facilitator.request('PATCH', path, { retentionMonths: null })).toMatchObject({
			status: 200,
			body: { retentionMonths: null }
		});
		expect((await facilitator.request('POST', `${path}/archive`)).status).toBe(200);
		expect(await purgeExpiredLogs({ now: new Date() })).toEqual({ boards: 0, updates: 0 });
		expect(await loggedSeqs(ws.boardId)).toEqual([1]);
	}, 60_000);

	it('runs on its own every RETENTION_SWEEP_MINUTES while the server is up', async () => {
		const database = await h.database(driver);
		const server = await h.server(database, { retentionSweepMs: 200 });
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp();
		const { body: ws } = await facilitator.request<{ id: string; boardId: string }>(
			'POST',
			'/api/workshops',
			{ title: 'Atelier' }
		);
		const writer = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		createSticky(writer.doc, { x: 0, y: 0, text: 'Ancien', category: null });
		await vi.waitFor(async () => expect(await loggedSeqs(ws.boardId)).toHaveLength(1), WAIT);
		writer.provider.destroy();
		const path = `/api/workshops/${ws.id}`;
		expect((await facilitator.request('POST', `${path}/archive`)).status).toBe(200);
		await backdate(ws.boardId, 1, 3);
		await facilitator.request('PATCH', path, { retentionMonths: 2 });
		await vi.waitFor(async () => expect(await loggedSeqs(ws.boardId)).toEqual([]), WAIT);
		const { body } = await facilitator.request<{ logPurgedAt: string | null }>('GET', path);
		expect(body.logPurgedAt).toEqual(expect.any(String));
		const fresh = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		expect(texts(fresh.doc)).toEqual(['Ancien']);
	}, 60_000);
});
