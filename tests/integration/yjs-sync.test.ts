import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	createSticky,
	deleteItem,
	itemText,
	listItems,
	moveItem,
	setItemColor,
	type ItemView
} from '../../src/lib/board/schema.ts';
import { boardSnapshots, boardUpdates } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { Harness, db, joinAsGuest, seededRandom, ticketFor, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('Yjs board sync (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('two providers converge on creating, typing into, moving and deleting sticky notes', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, {
			ticket: await ticketFor(guest, board.id)
		});

		const first = createSticky(a.doc, { x: 10, y: 20, text: 'Bus', category: null });
		const second = createSticky(b.doc, { x: 300, y: 20, text: 'Vélo', category: 'usager' });
		const third = createSticky(b.doc, { x: 600, y: 20, text: 'À supprimer', category: 'usager' });
		await vi.waitFor(() => expect(listItems(a.doc)).toHaveLength(3), WAIT);
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(3), WAIT);

		// Concurrent edits: both type into one note, move and recolour the other, delete a third.
		itemText(a.doc, second)?.insert(0, 'Plus de ');
		itemText(b.doc, second)?.insert(4, ' partagé');
		itemText(b.doc, first)?.insert(3, ' de nuit');
		moveItem(a.doc, { id: first, x: 111, y: 222 });
		setItemColor(b.doc, { id: first, color: 'pink' });
		deleteItem(a.doc, third);

		const expected = (items: ItemView[]) => {
			expect(items.map((item) => item.id).sort()).toEqual([first, second].sort());
			const byId = new Map(items.map((item) => [item.id, item]));
			expect(byId.get(first)).toMatchObject({ x: 111, y: 222, color: 'pink', text: 'Bus de nuit' });
			expect(byId.get(second)?.text).toContain('Plus de ');
			expect(byId.get(second)?.text).toContain(' partagé');
		};
		await vi.waitFor(() => expected(listItems(a.doc)), WAIT);
		await vi.waitFor(() => expected(listItems(b.doc)), WAIT);
		await vi.waitFor(() => expect(listItems(b.doc)).toEqual(listItems(a.doc)), WAIT);
	});

	it('random concurrent edits from three clients converge (seeded)', async () => {
		const seed = Number(process.env.FUZZ_SEED) || Date.now() % 1_000_000;
		console.info(`convergence fuzz seed: ${seed} (rerun with FUZZ_SEED=${seed})`);
		const random = seededRandom(seed);
		const { server, facilitator, board } = await h.board(driver);
		const clients = await Promise.all(
			[0, 1, 2].map(() => h.syncedProvider(server, board.id, { cookie: facilitator.cookie }))
		);
		for (let step = 0; step < 150; step++) {
			const { doc } = clients[Math.floor(random() * clients.length)]!;
			const items = listItems(doc);
			const target = items[Math.floor(random() * items.length)];
			const roll = random();
			if (!target || roll < 0.25) createSticky(doc, { x: random() * 1000, y: random() * 1000 });
			else if (roll < 0.55)
				itemText(doc, target.id)?.insert(0, String.fromCharCode(97 + (step % 26)));
			else if (roll < 0.8) moveItem(doc, { id: target.id, x: random() * 900, y: random() * 900 });
			else if (roll < 0.9) setItemColor(doc, { id: target.id, color: 'blue' });
			else deleteItem(doc, target.id);
			if (step % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
		}
		const states = () => clients.map((client) => Y.encodeStateVector(client.doc).join(','));
		await vi.waitFor(() => expect(new Set(states()).size, `seed ${seed}`).toBe(1), WAIT);
		const views = clients.map((client) => listItems(client.doc));
		expect(views[1], `seed ${seed}`).toEqual(views[0]);
		expect(views[2], `seed ${seed}`).toEqual(views[0]);
	});

	it('a restart keeps every acknowledged note and text', async () => {
		const config = { snapshotEveryUpdates: 5 };
		const { database, server, facilitator, board } = await h.board(driver, config);
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		for (let i = 0; i < 8; i++) {
			const id = createSticky(a.doc, { x: i * 220, y: 0, text: `Idée ${i}` });
			itemText(a.doc, id)?.insert(0, '★ ');
		}
		// "Acknowledged": another client has seen it.
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(8), WAIT);
		await vi.waitFor(() => expect(listItems(b.doc)).toEqual(listItems(a.doc)), WAIT);
		const seen = listItems(b.doc);
		a.provider.destroy();
		b.provider.destroy();

		await server.close();
		const restarted = await h.server(database, config);
		const c = await h.syncedProvider(restarted, board.id, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(c.doc)).toEqual(seen), WAIT);
		expect(seen.every((item) => item.text.startsWith('★ Idée'))).toBe(true);
		const snapshots = await db()
			.select()
			.from(boardSnapshots)
			.where(eq(boardSnapshots.boardId, board.id));
		expect(snapshots.length).toBeGreaterThan(0);
		expect(Math.max(...snapshots.map((snapshot) => snapshot.itemCount))).toBe(8);
	});

	it('an idle board is unloaded with a snapshot and loads again on the next connection', async () => {
		const { server, facilitator, board } = await h.board(driver, { idleBoardUnloadMs: 50 });
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		createSticky(a.doc, { x: 0, y: 0, text: 'Reste là' });
		await vi.waitFor(async () => {
			const rows = await db().select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id));
			expect(rows.length).toBeGreaterThan(0);
		}, WAIT);
		expect(server.realtime.stats()).toEqual({ boards: 1, connections: 1, boardsWithPending: 0 });
		a.provider.destroy();

		await vi.waitFor(() => expect(server.realtime.stats().boards).toBe(0), WAIT);
		const snapshots = await db()
			.select()
			.from(boardSnapshots)
			.where(eq(boardSnapshots.boardId, board.id));
		expect(snapshots.map((snapshot) => snapshot.itemCount)).toEqual([1]);
		const b = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		await vi.waitFor(
			() => expect(listItems(b.doc).map((item) => item.text)).toEqual(['Reste là']),
			WAIT
		);
	});

	it('logs updates with the author id and category of the connection, not of the document', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(b.doc, { x: 0, y: 0, text: 'Je suis usager', category: 'usager' });
		createSticky(a.doc, { x: 300, y: 0, text: 'Consigne' });
		await vi.waitFor(() => expect(listItems(a.doc)).toHaveLength(2), WAIT);
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(2), WAIT);

		const rows = await db()
			.select()
			.from(boardUpdates)
			.where(eq(boardUpdates.boardId, board.id))
			.orderBy(asc(boardUpdates.seq));
		const guestId = await userIdOf(guest);
		const facilitatorId = await userIdOf(facilitator);
		const byGuest = rows.filter((row) => row.authorId === guestId);
		const byFacilitator = rows.filter((row) => row.authorId === facilitatorId);
		expect(byGuest.length).toBeGreaterThan(0);
		expect(byFacilitator.length).toBeGreaterThan(0);
		expect(byGuest.length + byFacilitator.length).toBe(rows.length);
		expect(new Set(byGuest.map((row) => row.category))).toEqual(new Set(['usager']));
		expect(new Set(byFacilitator.map((row) => row.category))).toEqual(new Set([null]));
		expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
		// Replaying the log alone gives the board the clients see.
		const replay = new Y.Doc();
		for (const row of rows) Y.applyUpdate(replay, row.update);
		expect(listItems(replay)).toEqual(listItems(a.doc));
	});
});
