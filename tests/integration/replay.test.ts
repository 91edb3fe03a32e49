import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeHistoryPage } from '../../src/lib/board/history-format.ts';
import { ReplayEngine } from '../../src/lib/board/replay.ts';
import {
	createSticky,
	deleteItem,
	itemEntries,
	itemText,
	listItems,
	moveItem
} from '../../src/lib/board/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { workshopWith } from './facilitation-support.ts';
import { Harness, type TestProvider, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 10 };

/** One random edit: which writer, what, on which existing object, where. */
const edit = fc.record({
	writer: fc.nat({ max: 2 }),
	kind: fc.constantFrom('create', 'create', 'move', 'text', 'delete'),
	pick: fc.nat(),
	x: fc.integer({ min: -500, max: 500 })
});

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(doc: Y.Doc, step: Edit, category: string | null): void {
	const ids = itemEntries(doc).map(([id]) => id);
	const id = ids[step.pick % Math.max(1, ids.length)];
	if (step.kind === 'create' || !id) createSticky(doc, { x: step.x, y: 0, text: 'n', category });
	else if (step.kind === 'move') moveItem(doc, { id, x: step.x, y: step.x });
	else if (step.kind === 'text') itemText(doc, id)?.insert(0, String(step.x));
	else deleteItem(doc, id);
}

/** The state vector as a sorted list (clients in any order). */
function vector(doc: Y.Doc): [number, number][] {
	return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]);
}

const sameState = (a: Y.Doc, b: Y.Doc) =>
	JSON.stringify(vector(a)) === JSON.stringify(vector(b)) &&
	JSON.stringify(listItems(a)) === JSON.stringify(listItems(b));

/** The whole history of a board through the API, as the replay page loads it. */
async function historyOf(client: ApiClient, boardId: string) {
	const index = await client.request<{ events: { at: number; type: string }[]; lastSeq: number }>(
		'GET',
		`/api/boards/${boardId}/history`
	);
	const page = await fetch(`${client.baseUrl}/api/boards/${boardId}/history/updates?after=0`, {
		headers: { cookie: client.cookie }
	});
	const bytes = new Uint8Array(await page.arrayBuffer());
	return { index, status: page.status, updates: page.ok ? decodeHistoryPage(bytes) : [] };
}

describe.each(DRIVERS)('replaying a board (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('reproduces exactly what a live client had at any recorded time (random edits, 3 writers)', async () => {
		const seed = Number(process.env.REPLAY_SEED) || Date.now() % 2 ** 31;
		console.log(`replay property seed: ${seed} (REPLAY_SEED=${seed} to rerun)`);
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Ulla', category: 'usager' },
			{ name: 'Alain', category: 'agent' },
			{ name: 'Olga', category: 'elu', role: 'observer' }
		]);
		const [ulla, alain, olga] = guests as [ApiClient, ApiClient, ApiClient];
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.array(edit, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
				async (rounds) => {
					const { body: board } = await facilitator.request<{ id: string }>(
						'POST',
						`/api/workshops/${ws.id}/boards`,
						{ title: 'Essai' }
					);
					const writers: [TestProvider, string | null][] = [];
					for (const [client, category] of [
						[facilitator, null],
						[ulla, 'usager'],
						[alain, 'agent']
					] as const) {
						const provider = await h.syncedProvider(server, board.id, { cookie: client.cookie });
						writers.push([provider, category]);
					}
					const live = await h.syncedProvider(server, board.id, { cookie: olga.cookie });
					const recorded: { at: number; doc: Y.Doc }[] = [];
					for (const round of rounds) {
						for (const step of round) {
							const [writer, category] = writers[step.writer] as [TestProvider, string | null];
							apply(writer.doc, step, category);
						}
						await vi.waitFor(() => {
							for (const [writer] of writers) expect(sameState(writer.doc, live.doc)).toBe(true);
						}, WAIT);
						const copy = new Y.Doc();
						Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
						recorded.push({ at: Date.now(), doc: copy });
						await new Promise((resolve) => setTimeout(resolve, 5));
					}
					const { updates } = await historyOf(facilitator, board.id);
					const engine = new ReplayEngine({ updates, checkpointEvery: 4 });
					for (const moment of recorded) {
						const replayed = engine.docAtTime(moment.at);
						expect(vector(replayed)).toEqual(vector(moment.doc));
						expect(listItems(replayed)).toEqual(listItems(moment.doc));
					}
					for (const [writer] of writers) writer.provider.destroy();
					live.provider.destroy();
				}
			),
			{ seed, numRuns: 3 }
		);
	}, 90_000);

	it('gives the history to facilitators, to evaluators once archived, with categories but no authors', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Ulla', category: 'usager' }
		]);
		const [ulla] = guests as [ApiClient];
		const writer = await h.syncedProvider(server, ws.boardId, { cookie: ulla.cookie });
		createSticky(writer.doc, { x: 0, y: 0, text: 'Idée', category: 'usager' });
		await vi.waitFor(async () => {
			expect((await historyOf(facilitator, ws.boardId)).updates).toHaveLength(1);
		}, WAIT);
		expect((await historyOf(ulla, ws.boardId)).index.status).toBe(403);
		expect((await historyOf(ulla, ws.boardId)).status).toBe(403);

		const { body: link } = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/workshops/${ws.id}/invites`,
			{ role: 'evaluator', category: null }
		);
		const eve = new ApiClient(server.url);
		await eve.join(link.joinUrl, 'Eve', 'agent');
		expect((await historyOf(eve, ws.boardId)).index.status).toBe(404);
		expect((await facilitator.request('POST', `/api/workshops/${ws.id}/archive`)).status).toBe(200);

		const history = await historyOf(eve, ws.boardId);
		expect(history.index.status).toBe(200);
		expect(history.index.body.events.map((event) => event.type)).toContain('workshop-archived');
		expect(history.updates.map((update) => update.category)).toEqual(['usager']);
		const raw = await fetch(`${server.url}/api/boards/${ws.boardId}/history/updates`, {
			headers: { cookie: eve.cookie }
		});
		const text = new TextDecoder().decode(await raw.arrayBuffer());
		expect(text).not.toContain(await userIdOf(ulla));
		const engine = new ReplayEngine({ updates: history.updates });
		expect(listItems(engine.docAt(1)).map((item) => item.text)).toEqual(['Idée']);
		const bad = await eve.request('GET', `/api/boards/${ws.boardId}/history/updates?limit=0`);
		expect([bad.status, bad.body.code]).toEqual([400, 'invalid']);
	});
});
