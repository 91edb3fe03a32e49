import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createItem, createSticky, itemsOf, itemText } from '../../src/lib/board/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { WHOLE_BOARD } from '../../src/lib/shared/facilitation.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** The text of an item in `doc` ('' when missing). */
const textOf = (doc: Y.Doc, id: string) => itemText(doc, id)?.toString() ?? '';

describe.each(DRIVERS)('facilitation: locks enforced by the Yjs server (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	async function lockedFrameBoard() {
		const setup = await workshopWith(h, driver, [{ name: 'Paul', category: 'usager' }]);
		const { server, facilitator, ws } = setup;
		const fatimaDoc = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		const frame = createItem(fatimaDoc.doc, { type: 'frame', x: 0, y: 0, text: 'Constats' });
		const inside = createSticky(fatimaDoc.doc, { x: 10, y: 10, text: 'Dedans' });
		itemsOf(fatimaDoc.doc).get(inside)!.set('frame', frame);
		const outside = createSticky(fatimaDoc.doc, { x: 1000, y: 0, text: 'Dehors' });
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		return { ...setup, fatimaDoc, fatima, frame, inside, outside };
	}

	it('refuses a participant’s edit inside a locked frame, keeps the facilitator’s, and accepts edits elsewhere', async () => {
		const { server, ws, guests, fatimaDoc, fatima, frame, inside, outside } =
			await lockedFrameBoard();
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const locked = await fatima.socket.emitWithAck('lock:set', {
			boardId: ws.boardId,
			targetId: frame,
			locked: true
		});
		expect(locked).toEqual({ ok: true });
		await vi.waitFor(
			() => expect(paul.last('locks:state')).toEqual({ boardId: ws.boardId, targets: [frame] }),
			WAIT
		);
		expect(
			await paul.socket.emitWithAck('lock:set', {
				boardId: ws.boardId,
				targetId: frame,
				locked: false
			})
		).toEqual({ ok: false, reason: 'forbidden' });

		const sneaky = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		await vi.waitFor(() => expect(textOf(sneaky.doc, inside)).toBe('Dedans'), WAIT);
		itemText(sneaky.doc, inside)!.insert(0, 'Piraté ');
		await vi.waitFor(() => expect(sneaky.closeCodes).toContain(CloseCode.Locked), WAIT);
		sneaky.provider.destroy();

		const mover = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		await vi.waitFor(() => expect(textOf(mover.doc, outside)).toBe('Dehors'), WAIT);
		itemsOf(mover.doc).get(outside)!.set('frame', frame);
		await vi.waitFor(() => expect(mover.closeCodes).toContain(CloseCode.Locked), WAIT);
		mover.provider.destroy();

		const honest = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		itemText(honest.doc, outside)!.insert(0, 'Libre ');
		itemText(fatimaDoc.doc, inside)!.insert(0, 'Animée ');
		const check = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		await vi.waitFor(() => {
			expect(textOf(check.doc, outside)).toBe('Libre Dehors');
			expect(textOf(check.doc, inside)).toBe('Animée Dedans');
			expect(itemsOf(check.doc).get(outside)!.get('frame')).toBeNull();
		}, WAIT);
		expect(honest.closeCodes).toEqual([]);
	});

	it('locks the whole board or one object for participants until unlocked, and a late joiner gets the locks', async () => {
		const { server, ws, guests, fatima, outside } = await lockedFrameBoard();
		await fatima.socket.emitWithAck('lock:set', {
			boardId: ws.boardId,
			targetId: WHOLE_BOARD,
			locked: true
		});
		const late = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		expect(late.joined.locks).toEqual([WHOLE_BOARD]);

		const first = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		createSticky(first.doc, { x: 0, y: 500, text: 'Nouvelle idée', category: 'usager' });
		await vi.waitFor(() => expect(first.closeCodes).toContain(CloseCode.Locked), WAIT);
		first.provider.destroy();

		await fatima.socket.emitWithAck('lock:set', {
			boardId: ws.boardId,
			targetId: WHOLE_BOARD,
			locked: false
		});
		await fatima.socket.emitWithAck('lock:set', {
			boardId: ws.boardId,
			targetId: outside,
			locked: true
		});
		const second = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		itemsOf(second.doc).get(outside)!.set('color', 'pink');
		await vi.waitFor(() => expect(second.closeCodes).toContain(CloseCode.Locked), WAIT);
		second.provider.destroy();

		const third = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		const id = createSticky(third.doc, { x: 0, y: 500, text: 'Nouvelle idée', category: 'usager' });
		const check = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		await vi.waitFor(() => expect(textOf(check.doc, id)).toBe('Nouvelle idée'), WAIT);
		expect(itemsOf(check.doc).get(outside)!.get('color')).not.toBe('pink');
		expect(third.closeCodes).toEqual([]);
	});
	it('after a restart, the first edit on a stored locked frame is refused', async () => {
		const { database, server, ws, guests, fatimaDoc, fatima, frame, inside } =
			await lockedFrameBoard();
		await vi.waitFor(async () => {
			const check = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
			expect(textOf(check.doc, inside)).toBe('Dedans');
			check.provider.destroy();
		}, WAIT);
		expect(
			await fatima.socket.emitWithAck('lock:set', {
				boardId: ws.boardId,
				targetId: frame,
				locked: true
			})
		).toEqual({ ok: true });
		fatimaDoc.provider.destroy();
		fatima.socket.disconnect();
		await server.close();

		// The new process loads its locks while the first joiner loads the board and writes at once.
		const restarted = await h.server(database);
		const paul = await h.syncedProvider(restarted, ws.boardId, { cookie: guests[0]!.cookie });
		itemText(paul.doc, inside)!.insert(0, 'Piraté ');
		await vi.waitFor(() => expect(paul.closeCodes).toContain(CloseCode.Locked), WAIT);
		paul.provider.destroy();
		const check = await h.syncedProvider(restarted, ws.boardId, { cookie: guests[0]!.cookie });
		expect(textOf(check.doc, inside)).toBe('Dedans');
	});
});
