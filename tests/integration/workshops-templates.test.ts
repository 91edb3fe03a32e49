import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, listItems, metaOf } from '../../src/lib/board/schema.ts';
import { TEMPLATE_KEYS } from '../../src/lib/shared/workshop-validation.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('board templates (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('creates every built-in template as a laid-out board with its instructions, still editable', async () => {
		const database = await h.database(driver);
		const server = await h.server(database);
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp();
		const { body: ws } = await facilitator.request<{ id: string }>('POST', '/api/workshops', {
			title: 'Atelier'
		});
		const refused = await facilitator.request('POST', `/api/workshops/${ws.id}/boards`, {
			title: 'X',
			template: 'no-such-template'
		});
		expect(refused.status).toBe(400);
		for (const template of TEMPLATE_KEYS) {
			const { status, body } = await facilitator.request<{ id: string }>(
				'POST',
				`/api/workshops/${ws.id}/boards`,
				{ title: template, template }
			);
			expect(status).toBe(201);
			const client = await h.syncedProvider(server, body.id, { cookie: facilitator.cookie });
			await vi.waitFor(() => expect(listItems(client.doc).length).toBeGreaterThan(1), WAIT);
			const items = listItems(client.doc);
			expect(metaOf(client.doc).get('template')).toBe(template);
			expect(items.some((item) => item.type === 'frame')).toBe(true);
			expect(items.find((item) => item.type === 'text')?.text.length).toBeGreaterThan(40);
		}
		const { body: barometer } = await facilitator.request<{ id: string }>(
			'POST',
			`/api/workshops/${ws.id}/boards`,
			{ title: 'Baromètre', template: 'barometer' }
		);
		const frames = async () => {
			const client = await h.syncedProvider(server, barometer.id, { cookie: facilitator.cookie });
			return listItems(client.doc)
				.filter((item) => item.type === 'frame')
				.map((item) => item.text);
		};
		expect(await frames()).toEqual(
			expect.arrayContaining(['Accueil', 'Délais', 'Clarté de l’information', 'Écoute'])
		);
		const editor = await h.syncedProvider(server, barometer.id, { cookie: facilitator.cookie });
		createSticky(editor.doc, { x: 20, y: 260, text: 'Usagers : 2 / 5' });
		const again = await h.syncedProvider(server, barometer.id, { cookie: facilitator.cookie });
		await vi.waitFor(
			() => expect(listItems(again.doc).some((item) => item.text === 'Usagers : 2 / 5')).toBe(true),
			WAIT
		);
	});
});
