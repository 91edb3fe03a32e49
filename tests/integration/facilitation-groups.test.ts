import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, itemsOf, listItems } from '../../src/lib/board/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, upgradeStatus, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('facilitation: peer groups then crossing (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('splits people into category boards the others cannot open, then brings them side by side onto the plenary', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' },
			{ name: 'Élise', category: 'elu' }
		]);
		const [paulApi, eliseApi] = guests;
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
		const elise = await facilitationClient(h, server, eliseApi!.cookie, ws.boardId);
		expect(await paul.socket.emitWithAck('groups:split', { boardId: ws.boardId })).toMatchObject({
			ok: false,
			code: 'forbidden'
		});
		expect(await fatima.socket.emitWithAck('groups:split', { boardId: ws.boardId })).toEqual({
			ok: true
		});
		type Goto = { boardId: string };
		await vi.waitFor(() => expect(paul.last<Goto>('workshop:goto')).toBeDefined(), WAIT);
		await vi.waitFor(() => expect(elise.last<Goto>('workshop:goto')).toBeDefined(), WAIT);
		const paulBoard = paul.last<Goto>('workshop:goto')!.boardId;
		const eliseBoard = elise.last<Goto>('workshop:goto')!.boardId;
		expect(paulBoard).not.toBe(eliseBoard);
		expect(fatima.last<Goto>('workshop:goto')?.boardId).toBe(ws.boardId);

		const cookie = (api: typeof paulApi) => ({ headers: { cookie: api!.cookie } });
		expect(await upgradeStatus(server, `/yjs/${eliseBoard}`, cookie(paulApi))).toBe(403);
		expect(await upgradeStatus(server, `/yjs/${paulBoard}`, cookie(eliseApi))).toBe(403);
		expect((await paulApi!.request('GET', `/api/boards/${eliseBoard}`)).status).toBe(404);

		const paulDoc = await h.syncedProvider(server, paulBoard, { cookie: paulApi!.cookie });
		createSticky(paulDoc.doc, { x: 0, y: 0, text: 'Horaires du soir', category: 'usager' });
		const eliseDoc = await h.syncedProvider(server, eliseBoard, { cookie: eliseApi!.cookie });
		createSticky(eliseDoc.doc, { x: 0, y: 0, text: 'Budget 2027', category: 'elu' });
		const seen = await h.syncedProvider(server, paulBoard, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(seen.doc)).toHaveLength(1), WAIT);
		const seenToo = await h.syncedProvider(server, eliseBoard, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(seenToo.doc)).toHaveLength(1), WAIT);

		expect(await fatima.socket.emitWithAck('groups:cross', { boardId: ws.boardId })).toEqual({
			ok: true
		});
		await vi.waitFor(
			() => expect(paul.last<Goto>('workshop:goto')?.boardId).toBe(ws.boardId),
			WAIT
		);
		const plenary = await h.syncedProvider(server, ws.boardId, { cookie: paulApi!.cookie });
		await vi.waitFor(() => expect(listItems(plenary.doc)).toHaveLength(4), WAIT);
		const items = listItems(plenary.doc);
		const frames = items.filter((item) => item.type === 'frame');
		expect(frames.map((frame) => frame.text).sort()).toEqual(['elu', 'usager']);
		const note = items.find((item) => item.text === 'Horaires du soir')!;
		const frame = itemsOf(plenary.doc).get(note.frame!)!;
		expect(frame.get('category')).toBe('usager');
		expect(note.category).toBe('usager');
	});
});
