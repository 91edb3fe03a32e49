import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { boardUpdates } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, db, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('facilitation: silent brainstorm (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('keeps private drafts off every other socket until the reveal, then adds them by category only', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' },
			{ name: 'Élise', category: 'elu' }
		]);
		const boardId = ws.boardId;
		const fatima = await facilitationClient(h, server, facilitator.cookie, boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		const paulOtherTab = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		const elise = await facilitationClient(h, server, guests[1]!.cookie, boardId);
		const shared = await h.syncedProvider(server, boardId, { cookie: guests[1]!.cookie });
		const raw: Buffer[] = [];
		shared.provider.ws?.addEventListener('message', (event) =>
			raw.push(Buffer.from(event.data as ArrayBuffer))
		);

		const draft = new Y.Doc();
		createSticky(draft, { x: 0, y: 0, text: 'Idée secrète de Paul', category: 'usager' });
		const update = Y.encodeStateAsUpdate(draft);
		expect(await paul.socket.emitWithAck('draft:update', { boardId, update })).toEqual({
			ok: false,
			reason: 'conflict'
		});
		expect(await elise.socket.emitWithAck('brainstorm:set', { boardId, on: true })).toMatchObject({
			ok: false
		});
		await fatima.socket.emitWithAck('brainstorm:set', { boardId, on: true });
		expect(await paul.socket.emitWithAck('draft:update', { boardId, update })).toEqual({
			ok: true
		});
		await vi.waitFor(() => expect(paulOtherTab.received.has('draft:update')).toBe(true), WAIT);
		const mine = new Y.Doc();
		Y.applyUpdate(mine, new Uint8Array(await paul.socket.emitWithAck('draft:sync', { boardId })));
		expect(listItems(mine).map((item) => item.text)).toEqual(['Idée secrète de Paul']);

		// The facilitators see how many ideas each category wrote, never their text; others see nothing.
		await vi.waitFor(
			() =>
				expect(fatima.last('brainstorm:drafts')).toEqual({ boardId, byCategory: { usager: 1 } }),
			WAIT
		);
		expect(elise.received.has('brainstorm:drafts')).toBe(false);

		const secret = 'secrète';
		const seenBy = (client: typeof elise) => JSON.stringify([...client.received.entries()]);
		expect(seenBy(elise)).not.toContain(secret);
		expect(seenBy(fatima)).not.toContain(secret);
		expect(Buffer.concat(raw).includes(Buffer.from(secret))).toBe(false);
		expect(listItems(shared.doc)).toHaveLength(0);

		expect(await fatima.socket.emitWithAck('brainstorm:reveal', { boardId })).toEqual({ ok: true });
		await vi.waitFor(
			() =>
				expect(listItems(shared.doc).map((item) => [item.text, item.category])).toEqual([
					['Idée secrète de Paul', 'usager']
				]),
			WAIT
		);
		// The same listener sees the note once revealed: it was listening all along.
		expect(Buffer.concat(raw).includes(Buffer.from(secret))).toBe(true);
		const rows = await db()
			.select({ author: boardUpdates.authorId })
			.from(boardUpdates)
			.where(and(eq(boardUpdates.boardId, boardId)));
		expect(rows.every((row) => row.author === null)).toBe(true);
		await vi.waitFor(
			() => expect(paul.last('brainstorm:state')).toEqual({ boardId, on: false }),
			WAIT
		);
		const empty = new Y.Doc();
		Y.applyUpdate(empty, new Uint8Array(await paul.socket.emitWithAck('draft:sync', { boardId })));
		expect(listItems(empty)).toHaveLength(0);
	});

	it('keeps a brainstorm on, with its drafts, across a server restart', async () => {
		const { database, server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const boardId = ws.boardId;
		const fatima = await facilitationClient(h, server, facilitator.cookie, boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		expect(await fatima.socket.emitWithAck('brainstorm:set', { boardId, on: true })).toEqual({
			ok: true
		});
		const draft = new Y.Doc();
		createSticky(draft, { x: 0, y: 0, text: 'Avant le redémarrage', category: 'usager' });
		const update = Y.encodeStateAsUpdate(draft);
		expect(await paul.socket.emitWithAck('draft:update', { boardId, update })).toEqual({
			ok: true
		});
		fatima.socket.disconnect();
		paul.socket.disconnect();
		await server.close();

		const restarted = await h.server(database);
		const paulAgain = await facilitationClient(h, restarted, guests[0]!.cookie, boardId);
		expect(paulAgain.joined.brainstorm).toBe(true);
		createSticky(draft, { x: 0, y: 200, text: 'Après le redémarrage', category: 'usager' });
		const more = Y.encodeStateAsUpdate(draft);
		expect(await paulAgain.socket.emitWithAck('draft:update', { boardId, update: more })).toEqual({
			ok: true
		});
		const fatimaAgain = await facilitationClient(h, restarted, facilitator.cookie, boardId);
		expect(await fatimaAgain.socket.emitWithAck('brainstorm:reveal', { boardId })).toEqual({
			ok: true
		});
		const shared = await h.syncedProvider(restarted, boardId, { cookie: facilitator.cookie });
		await vi.waitFor(() => {
			const texts = listItems(shared.doc).map((item) => item.text);
			expect(texts.sort()).toEqual(['Après le redémarrage', 'Avant le redémarrage']);
		}, WAIT);
	});
});
