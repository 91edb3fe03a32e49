import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	createItem,
	createSticky,
	itemsOf,
	listItems,
	readItems
} from '../../src/lib/board/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, upgradeStatus, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** A real 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

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
			reason: 'forbidden'
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
		// Titled in the language of the facilitator who split (French by default).
		const titleOf = async (boardId: string) =>
			(await facilitator.request('GET', `/api/boards/${boardId}`)).body.title;
		expect(await titleOf(paulBoard)).toBe('Groupe de pairs : Usager');
		expect(await titleOf(eliseBoard)).toBe('Groupe de pairs : Élu·e');

		// Someone back on the plenary board (reload, late arrival) is offered their group's board.
		const paulAgain = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
		expect(paulAgain.joined.group).toEqual({ boardId: paulBoard, category: 'usager' });
		expect(fatima.joined.group).toBeNull();

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
		const afterCross = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
		expect(afterCross.joined.group).toBeNull();
		const items = listItems(plenary.doc);
		const frames = items.filter((item) => item.type === 'frame');
		expect(frames.map((frame) => frame.text).sort()).toEqual(['Usager', 'Élu·e']);
		const note = items.find((item) => item.text === 'Horaires du soir')!;
		const frame = itemsOf(plenary.doc).get(note.frame!)!;
		expect(frame.get('category')).toBe('usager');
		expect(note.category).toBe('usager');
	});

	it('brings a group’s frames, connectors and images onto the plenary still linked and readable', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const [paulApi] = guests;
		// This facilitator chose English: the crossed frame's title follows.
		const english = `${facilitator.cookie}; croisee-locale=en`;
		const fatima = await facilitationClient(h, server, english, ws.boardId);
		const paul = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
		const before = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		createSticky(before.doc, { x: 0, y: 0, text: 'Déjà là' });
		expect(await fatima.socket.emitWithAck('groups:split', { boardId: ws.boardId })).toEqual({
			ok: true
		});
		type Goto = { boardId: string };
		await vi.waitFor(() => expect(paul.last<Goto>('workshop:goto')).toBeDefined(), WAIT);
		const group = paul.last<Goto>('workshop:goto')!.boardId;
		const uploaded = await fetch(`${server.url}/api/boards/${group}/files`, {
			method: 'POST',
			headers: { cookie: paulApi!.cookie, origin: server.url, 'content-type': 'image/png' },
			body: PNG
		});
		expect(uploaded.status).toBe(201);
		const { id: file } = (await uploaded.json()) as { id: string };
		const editor = await h.syncedProvider(server, group, { cookie: paulApi!.cookie });
		const doc = editor.doc;
		const mine = { category: 'usager' };
		const frame = createItem(doc, {
			type: 'frame',
			x: 0,
			y: 0,
			w: 900,
			h: 500,
			text: 'Idées',
			...mine
		});
		const a = createSticky(doc, { x: 20, y: 60, text: 'Horaires', category: 'usager' });
		const b = createSticky(doc, { x: 400, y: 60, text: 'Navette', category: 'usager' });
		for (const id of [a, b]) itemsOf(doc).get(id)?.set('frame', frame);
		createItem(doc, {
			type: 'connector',
			x: 0,
			y: 0,
			start: { item: a },
			end: { item: b },
			...mine
		});
		createItem(doc, { type: 'image', x: 0, y: 600, w: 100, h: 100, file, ...mine });
		const seen = await h.syncedProvider(server, group, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(seen.doc)).toHaveLength(5), WAIT);

		expect(await fatima.socket.emitWithAck('groups:cross', { boardId: ws.boardId })).toEqual({
			ok: true
		});
		const plenary = await h.syncedProvider(server, ws.boardId, { cookie: paulApi!.cookie });
		await vi.waitFor(() => expect(listItems(plenary.doc)).toHaveLength(7), WAIT);
		const items = readItems(plenary.doc);
		const byText = (text: string) => items.find((item) => item.text === text)!;
		const outer = items.find((item) => item.type === 'frame' && item.text === 'Service user')!;
		expect(outer.category).toBe('usager');
		expect(byText('Idées').frame).toBe(outer.id);
		expect(byText('Horaires').frame).toBe(byText('Idées').id);
		const link = items.find((item) => item.type === 'connector')!;
		expect(link.start).toEqual({ item: byText('Horaires').id });
		expect(link.end).toEqual({ item: byText('Navette').id });
		// Below what was already on the plenary, not over it.
		expect(outer.y).toBeGreaterThan(byText('Déjà là').y + byText('Déjà là').h);
		const image = items.find((item) => item.type === 'image')!;
		expect(image.file).not.toBe(file);
		const read = await fetch(`${server.url}/api/boards/${ws.boardId}/files/${image.file}`, {
			headers: { cookie: paulApi!.cookie }
		});
		expect(read.status).toBe(200);
		expect(Buffer.from(await read.arrayBuffer())).toEqual(PNG);
	});

	it('forms the groups again after a crossing, on new boards, and crosses only that round', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const [paulApi] = guests;
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
		type Goto = { boardId: string };
		const split = () => fatima.socket.emitWithAck('groups:split', { boardId: ws.boardId });
		const cross = () => fatima.socket.emitWithAck('groups:cross', { boardId: ws.boardId });
		const plenary = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		const frames = () => listItems(plenary.doc).filter((item) => item.type === 'frame');

		/** One round: split, Paul writes `text` on his group board, then cross. */
		const round = async (text: string) => {
			const before = paul.last<Goto>('workshop:goto')?.boardId;
			expect(await split()).toEqual({ ok: true });
			// While split, splitting again is refused and changes nothing.
			expect(await split()).toMatchObject({ ok: false, reason: 'conflict' });
			await vi.waitFor(() => {
				const goto = paul.last<Goto>('workshop:goto')?.boardId;
				expect(goto && goto !== before && goto !== ws.boardId).toBe(true);
			}, WAIT);
			const group = paul.last<Goto>('workshop:goto')!.boardId;
			const again = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
			expect(again.joined.group).toEqual({ boardId: group, category: 'usager' });
			const editor = await h.syncedProvider(server, group, { cookie: paulApi!.cookie });
			createSticky(editor.doc, { x: 0, y: 0, text, category: 'usager' });
			const seen = await h.syncedProvider(server, group, { cookie: facilitator.cookie });
			await vi.waitFor(() => expect(listItems(seen.doc)).toHaveLength(1), WAIT);
			expect(await cross()).toEqual({ ok: true });
			// Crossed: nothing left to cross until the next split, and no group is offered.
			expect(await cross()).toMatchObject({ ok: false, reason: 'conflict' });
			const after = await facilitationClient(h, server, paulApi!.cookie, ws.boardId);
			expect(after.joined.group).toBeNull();
			return group;
		};

		const first = await round('Question 1 : horaires');
		await vi.waitFor(() => expect(frames()).toHaveLength(1), WAIT);
		const second = await round('Question 2 : accueil');
		expect(second).not.toBe(first);
		await vi.waitFor(() => expect(frames()).toHaveLength(2), WAIT);
		// The second crossing brought the second round's note only: each note is there once.
		const notes = listItems(plenary.doc).filter((item) => item.type === 'sticky');
		expect(notes.map((note) => note.text).sort()).toEqual([
			'Question 1 : horaires',
			'Question 2 : accueil'
		]);
		expect((await facilitator.request('GET', `/api/boards/${second}`)).body.title).toBe(
			'Groupe de pairs : Usager (tour 2)'
		);
	});
});
