import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	createItem,
	createSticky,
	itemText,
	itemsOf,
	listItems
} from '../../src/lib/board/schema.ts';
import { boardTemplates } from '../../src/lib/server/db/schema.ts';
import { MAX_TEMPLATES_PER_OWNER } from '../../src/lib/server/services/own-templates.ts';
import { TEMPLATE_KEYS } from '../../src/lib/shared/workshop-validation.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { workshopWith } from './facilitation-support.ts';
import { db, Harness, userIdOf, warmUp, type TestProvider } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** The texts of a board's objects, sorted (what a person reads on it). */
function texts(client: TestProvider): string[] {
	return listItems(client.doc)
		.map((item) => item.text)
		.filter(Boolean)
		.sort();
}

describe.each(DRIVERS)('own templates (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	/** A workshop whose plenary board holds a frame with two notes, one image and a connector. */
	async function boardWithContent() {
		const setup = await workshopWith(h, driver, [{ name: 'Paul', category: 'usager' }]);
		const { server, facilitator, ws, guests } = setup;
		const paul = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		const a = createSticky(paul.doc, { x: 20, y: 60, text: 'Qui décide ?', category: 'usager' });
		const editor = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		const doc = editor.doc;
		await vi.waitFor(() => expect(itemsOf(doc).has(a)).toBe(true), WAIT);
		const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 900, h: 500, text: 'Constats' });
		const b = createSticky(doc, { x: 400, y: 60, text: 'Avec quel budget ?' });
		for (const id of [a, b]) itemsOf(doc).get(id)?.set('frame', frame);
		createItem(doc, { type: 'connector', x: 0, y: 0, start: { item: a }, end: { item: b } });
		createItem(doc, { type: 'image', x: 0, y: 600, w: 100, h: 100, file: 'some-file' });
		const seen = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(seen.doc)).toHaveLength(5), WAIT);
		return { ...setup, editor };
	}

	async function newBoard(client: ApiClient, workshopId: string, body: Record<string, unknown>) {
		return client.request<{ id: string; ownTemplateId: string | null }>(
			'POST',
			`/api/workshops/${workshopId}/boards`,
			body
		);
	}

	it('saves a board as a template and starts new boards from a copy of it, shared with nothing', async () => {
		const { server, facilitator, ws, editor } = await boardWithContent();
		const saved = await facilitator.request<{ id: string; title: string }>(
			'POST',
			`/api/boards/${ws.boardId}/save-as-template`,
			{ title: '  Constats et questions ' }
		);
		expect(saved.status).toBe(201);
		expect(saved.body.title).toBe('Constats et questions');
		const listed = await facilitator.request<{ builtIn: string[]; mine: { id: string }[] }>(
			'GET',
			'/api/templates'
		);
		expect(listed.body.builtIn).toEqual([...TEMPLATE_KEYS]);
		expect(listed.body.mine).toEqual([expect.objectContaining(saved.body)]);

		const made = await newBoard(facilitator, ws.id, {
			title: 'Suite',
			ownTemplateId: saved.body.id
		});
		expect(made.status).toBe(201);
		expect(made.body.ownTemplateId).toBe(saved.body.id);
		const copy = await h.syncedProvider(server, made.body.id, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(copy.doc)).toHaveLength(4), WAIT);
		expect(texts(copy)).toEqual(['Avec quel budget ?', 'Constats', 'Qui décide ?']);
		const items = listItems(copy.doc);
		// What must not travel: the authors' categories and the images of the source board.
		expect(items.every((item) => item.category === null)).toBe(true);
		expect(items.some((item) => item.type === 'image')).toBe(false);
		const link = items.find((item) => item.type === 'connector')!;
		const ask = items.find((item) => item.text === 'Qui décide ?')!;
		expect(link.start).toEqual({ item: ask.id });
		expect(ask.frame).toBe(items.find((item) => item.type === 'frame')!.id);

		// Editing the new board changes neither the template nor the source board.
		itemText(copy.doc, ask.id)!.insert(0, 'Modifié : ');
		createSticky(copy.doc, { x: 0, y: 0, text: 'Nouvelle note' });
		const again = await h.syncedProvider(server, made.body.id, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(texts(again)).toContain('Nouvelle note'), WAIT);
		const second = await newBoard(facilitator, ws.id, {
			title: 'Encore',
			ownTemplateId: saved.body.id
		});
		const fresh = await h.syncedProvider(server, second.body.id, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(listItems(fresh.doc)).toHaveLength(4), WAIT);
		expect(texts(fresh)).toEqual(['Avec quel budget ?', 'Constats', 'Qui décide ?']);
		const source = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		expect(texts(source)).toEqual(['Avec quel budget ?', 'Constats', 'Qui décide ?']);
		expect(listItems(source.doc)).toHaveLength(5);
		expect(editor.doc.getMap('items').size).toBe(5);
	});

	it('keeps templates to their owner: others get 404, participants may not save (403)', async () => {
		const { server, facilitator, ws, guests } = await boardWithContent();
		const [paul] = guests;
		const { body: mine } = await facilitator.request<{ id: string }>(
			'POST',
			`/api/boards/${ws.boardId}/save-as-template`,
			{ title: 'Le mien' }
		);
		const saving = await paul!.request('POST', `/api/boards/${ws.boardId}/save-as-template`, {
			title: 'Volé'
		});
		expect(saving.status).toBe(403);

		const other = new ApiClient(server.url);
		await other.signUp('Omar Autre');
		const { body: theirs } = await other.request<{ id: string }>('POST', '/api/workshops', {
			title: 'Autre atelier'
		});
		expect((await newBoard(other, theirs.id, { title: 'X', ownTemplateId: mine.id })).status).toBe(
			404
		);
		const rename = await other.request('PATCH', `/api/templates/${mine.id}`, { title: 'À moi' });
		expect(rename.status).toBe(404);
		expect((await other.request('DELETE', `/api/templates/${mine.id}`)).status).toBe(404);
		expect((await other.request<{ mine: unknown[] }>('GET', '/api/templates')).body.mine).toEqual(
			[]
		);
		// Nor may someone else's board be saved, even knowing its id.
		const foreign = await other.request('POST', `/api/boards/${ws.boardId}/save-as-template`, {
			title: 'Volé'
		});
		expect(foreign.status).toBe(404);
		expect((await new ApiClient(server.url).request('GET', '/api/templates')).status).toBe(401);

		const [row] = await db().select().from(boardTemplates);
		expect(row).toMatchObject({
			id: mine.id,
			title: 'Le mien',
			ownerId: await userIdOf(facilitator)
		});
		expect(await db().$count(boardTemplates)).toBe(1);
	});

	it('renames and deletes one of mine; refuses bad titles and two templates at once (400)', async () => {
		const { facilitator, ws } = await boardWithContent();
		for (const title of ['', '   ', 'x'.repeat(121)]) {
			const refused = await facilitator.request(
				'POST',
				`/api/boards/${ws.boardId}/save-as-template`,
				{ title }
			);
			expect(refused.status).toBe(400);
		}
		const noTitle = await facilitator.request(
			'POST',
			`/api/boards/${ws.boardId}/save-as-template`,
			{}
		);
		expect(noTitle.status).toBe(400);
		const { body: saved } = await facilitator.request<{ id: string }>(
			'POST',
			`/api/boards/${ws.boardId}/save-as-template`,
			{ title: 'Premier nom' }
		);
		const badRename = await facilitator.request('PATCH', `/api/templates/${saved.id}`, {
			title: ' '
		});
		expect(badRename.status).toBe(400);
		const both = await newBoard(facilitator, ws.id, {
			title: 'Deux',
			template: 'idea-box',
			ownTemplateId: saved.id
		});
		expect(both.status).toBe(400);

		const renamed = await facilitator.request<{ title: string }>(
			'PATCH',
			`/api/templates/${saved.id}`,
			{ title: 'Nouveau nom' }
		);
		expect(renamed).toMatchObject({ status: 200, body: { id: saved.id, title: 'Nouveau nom' } });
		expect((await facilitator.request('DELETE', `/api/templates/${saved.id}`)).status).toBe(204);
		expect((await facilitator.request('DELETE', `/api/templates/${saved.id}`)).status).toBe(404);
		const gone = await newBoard(facilitator, ws.id, {
			title: 'Trop tard',
			ownTemplateId: saved.id
		});
		expect(gone.status).toBe(404);
		const { body: workshop } = await facilitator.request<{ boards: unknown[] }>(
			'GET',
			`/api/workshops/${ws.id}`
		);
		expect(workshop.boards).toHaveLength(1);
	});

	it('saves from an archived workshop but creates boards only in an active one, up to the limit', async () => {
		const { facilitator, ws } = await boardWithContent();
		const ownerId = await userIdOf(facilitator);
		await db()
			.insert(boardTemplates)
			.values(
				Array.from({ length: MAX_TEMPLATES_PER_OWNER - 1 }, (_, i) => ({
					id: `filler${i}`,
					ownerId,
					title: `Modèle ${i}`,
					state: new Uint8Array([0, 0])
				}))
			);
		const archived = await facilitator.request('POST', `/api/workshops/${ws.id}/archive`, {});
		expect(archived.status).toBe(200);
		const { status, body: last } = await facilitator.request<{ id: string }>(
			'POST',
			`/api/boards/${ws.boardId}/save-as-template`,
			{ title: 'Le dernier' }
		);
		expect(status).toBe(201);
		const over = await facilitator.request<{ code: string }>(
			'POST',
			`/api/boards/${ws.boardId}/save-as-template`,
			{ title: 'Un de trop' }
		);
		expect(over).toMatchObject({ status: 409, body: { code: 'template_limit' } });
		const inArchive = await newBoard(facilitator, ws.id, { title: 'Non', ownTemplateId: last.id });
		expect(inArchive.status).toBe(409);
		expect(await db().$count(boardTemplates)).toBe(MAX_TEMPLATES_PER_OWNER);
	});
});
