import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, deleteItem, listItems } from '../../src/lib/board/schema.ts';
import { workshopEvents } from '../../src/lib/server/db/schema.ts';
import { MAX_DRAFT_OBJECTS } from '../../server/realtime/facilitation/brainstorm.ts';
import { DRIVERS } from '../helpers/database.ts';
import {
	facilitationClient,
	workshopWith,
	type FacilitationClient
} from './facilitation-support.ts';
import { Harness, db, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** A draft update holding `texts` as new notes. */
function notes(texts: string[], category: string): Uint8Array {
	const draft = new Y.Doc();
	for (const [i, text] of texts.entries()) createSticky(draft, { x: i * 10, y: 0, text, category });
	return Y.encodeStateAsUpdate(draft);
}

async function draftTexts(client: FacilitationClient, boardId: string): Promise<string[]> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(await client.socket.emitWithAck('draft:sync', { boardId })));
	return listItems(doc).map((item) => item.text);
}

async function revealCount(boardId: string): Promise<number> {
	const rows = await db()
		.select({ id: workshopEvents.id })
		.from(workshopEvents)
		.where(and(eq(workshopEvents.boardId, boardId), eq(workshopEvents.type, 'brainstorm-reveal')));
	return rows.length;
}

describe.each(DRIVERS)('facilitation within the board’s object limit (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('refuses a reveal beyond MAX_OBJECTS_PER_BOARD whole, saying why, and reveals once there is room', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(
			h,
			driver,
			[
				{ name: 'Paul', category: 'usager' },
				{ name: 'Élise', category: 'elu' }
			],
			{ maxObjectsPerBoard: 5 }
		);
		const boardId = ws.boardId;
		const fatima = await facilitationClient(h, server, facilitator.cookie, boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		const elise = await facilitationClient(h, server, guests[1]!.cookie, boardId);
		const board = await h.syncedProvider(server, boardId, { cookie: facilitator.cookie });
		const onBoard = ['A', 'B', 'C'].map((text) => createSticky(board.doc, { x: 0, y: 0, text }));
		const watcher = await h.syncedProvider(server, boardId, { cookie: guests[1]!.cookie });
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(3), WAIT);

		await fatima.socket.emitWithAck('brainstorm:set', { boardId, on: true });
		const paulsIdeas = ['Bus le soir', 'Pistes cyclables'];
		expect(
			await paul.socket.emitWithAck('draft:update', {
				boardId,
				update: notes(paulsIdeas, 'usager')
			})
		).toEqual({ ok: true });
		expect(
			await elise.socket.emitWithAck('draft:update', {
				boardId,
				update: notes(['Budget participatif'], 'elu')
			})
		).toEqual({ ok: true });

		// 3 on the board + 3 in drafts > 5: nothing is revealed, and the facilitator is told why.
		expect(await fatima.socket.emitWithAck('brainstorm:reveal', { boardId })).toEqual({
			ok: false,
			reason: 'limit',
			limit: 5,
			objects: 3,
			adding: 3
		});
		expect(await revealCount(boardId)).toBe(0);
		expect(await draftTexts(paul, boardId)).toEqual(paulsIdeas);
		expect(listItems(watcher.doc)).toHaveLength(3);
		// The brainstorm goes on: people can still add ideas privately.
		expect(paul.last('brainstorm:state')).not.toEqual({ boardId, on: false });
		expect(
			await elise.socket.emitWithAck('draft:update', {
				boardId,
				update: notes(['Navette'], 'elu')
			})
		).toEqual({ ok: true });

		// Room made (two notes deleted): 1 + 4 fits, everything is revealed at once.
		deleteItem(board.doc, onBoard[0]!);
		deleteItem(board.doc, onBoard[1]!);
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		expect(await fatima.socket.emitWithAck('brainstorm:reveal', { boardId })).toEqual({ ok: true });
		await vi.waitFor(
			() =>
				expect(
					listItems(watcher.doc)
						.map((item) => item.text)
						.sort()
				).toEqual(
					['Budget participatif', 'Bus le soir', 'C', 'Navette', 'Pistes cyclables'].sort()
				),
			WAIT
		);
		expect(await revealCount(boardId)).toBe(1);
		expect(await draftTexts(paul, boardId)).toEqual([]);
	});

	it('keeps one person’s draft within MAX_DRAFT_OBJECTS, so nobody can block the reveal alone', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const boardId = ws.boardId;
		const fatima = await facilitationClient(h, server, facilitator.cookie, boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		await fatima.socket.emitWithAck('brainstorm:set', { boardId, on: true });
		const texts = Array.from({ length: MAX_DRAFT_OBJECTS + 1 }, (_, i) => `Idée ${i}`);
		expect(
			await paul.socket.emitWithAck('draft:update', { boardId, update: notes(texts, 'usager') })
		).toEqual({ ok: false, reason: 'limit' });
		expect(await draftTexts(paul, boardId)).toEqual([]);
		const fits = texts.slice(0, MAX_DRAFT_OBJECTS);
		expect(
			await paul.socket.emitWithAck('draft:update', { boardId, update: notes(fits, 'usager') })
		).toEqual({ ok: true });
		expect(await draftTexts(paul, boardId)).toHaveLength(MAX_DRAFT_OBJECTS);
	});

	it('refuses crossing peer groups beyond MAX_OBJECTS_PER_BOARD whole, and crosses once there is room', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(
			h,
			driver,
			[{ name: 'Paul', category: 'usager' }],
			{ maxObjectsPerBoard: 4 }
		);
		const boardId = ws.boardId;
		const fatima = await facilitationClient(h, server, facilitator.cookie, boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		const plenary = await h.syncedProvider(server, boardId, { cookie: facilitator.cookie });
		const already = createSticky(plenary.doc, { x: 0, y: 0, text: 'Déjà là' });
		createSticky(plenary.doc, { x: 300, y: 0, text: 'Aussi là' });
		expect(await fatima.socket.emitWithAck('groups:split', { boardId })).toEqual({ ok: true });
		await vi.waitFor(() => expect(paul.last('workshop:goto')).toBeDefined(), WAIT);
		const group = paul.last<{ boardId: string }>('workshop:goto')!.boardId;
		const editor = await h.syncedProvider(server, group, { cookie: guests[0]!.cookie });
		createSticky(editor.doc, { x: 0, y: 0, text: 'Horaires', category: 'usager' });
		const watcher = await h.syncedProvider(server, boardId, { cookie: guests[0]!.cookie });
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(2), WAIT);
		const seen = await h.syncedProvider(server, group, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(seen.doc)).toHaveLength(1), WAIT);

		// 2 on the plenary + the group's note and its frame = 4: fits; one more note does not.
		createSticky(editor.doc, { x: 300, y: 0, text: 'Navette', category: 'usager' });
		await vi.waitFor(() => expect(listItems(seen.doc)).toHaveLength(2), WAIT);
		expect(await fatima.socket.emitWithAck('groups:cross', { boardId })).toEqual({
			ok: false,
			reason: 'limit',
			limit: 4,
			objects: 2,
			adding: 3
		});
		expect(listItems(watcher.doc)).toHaveLength(2);

		deleteItem(plenary.doc, already);
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		expect(await fatima.socket.emitWithAck('groups:cross', { boardId })).toEqual({ ok: true });
		await vi.waitFor(
			() =>
				expect(
					listItems(watcher.doc)
						.map((item) => item.text)
						.sort()
				).toEqual(['Aussi là', 'Horaires', 'Navette', 'Usager'].sort()),
			WAIT
		);
	});
});
