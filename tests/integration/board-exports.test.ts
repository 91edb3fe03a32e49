import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createItem, createSticky } from '../../src/lib/board/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { csvRows, pdfText, svgText } from '../helpers/export-parsing.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, joinAsGuest, warmUp } from './support.ts';

function get(client: ApiClient, path: string) {
	return fetch(`${client.baseUrl}${path}`, { headers: { cookie: client.cookie } });
}

describe.each(DRIVERS)('board exports over HTTP (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('serves SVG, PDF, CSV and Markdown holding the board’s text to its participants', async () => {
		const { server, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Jean Dupont', 'usager');
		const { doc } = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		const frame = createItem(doc, {
			type: 'frame',
			x: 0,
			y: 0,
			w: 900,
			h: 600,
			text: 'Constats',
			category: 'usager'
		});
		const note = createSticky(doc, {
			x: 40,
			y: 80,
			text: 'Horaires « élargis » le soir',
			category: 'usager'
		});
		doc.getMap<import('yjs').Map<unknown>>('items').get(note)?.set('frame', frame);

		const base = `/api/boards/${board.id}`;
		await vi.waitFor(
			async () => {
				const csv = await (await get(guest, `${base}/items.csv`)).text();
				expect(csvRows(csv).map((row) => row.Cadre)).toContain('Constats');
			},
			{ timeout: 10_000, interval: 100 }
		);
		const svg = await get(guest, `${base}/export.svg`);
		expect(svg.status).toBe(200);
		expect(svg.headers.get('content-type')).toContain('image/svg+xml');
		expect(svg.headers.get('content-disposition')).toContain(
			'attachment; filename="Atelier-mobilite.svg"'
		);
		expect(svgText(await svg.text()).replace(/\s+/g, ' ')).toContain(
			'Horaires « élargis » le soir'
		);

		const pdf = await get(guest, `${base}/export.pdf`);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const pdfWords = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
		expect(pdfWords).toContain('Horaires « élargis » le soir');

		const rows = csvRows(await (await get(guest, `${base}/items.csv`)).text());
		// Written for a person: French column names and values, no internal key.
		expect(rows.find((row) => row.Type === 'Note')).toMatchObject({
			Texte: 'Horaires « élargis » le soir',
			Cadre: 'Constats',
			Catégorie: 'Usager',
			Votes: '0'
		});

		const md = await (await get(guest, `${base}/outline.md`)).text();
		expect(md).toContain('## Constats');
		expect(md).toContain('- Horaires « élargis » le soir — _');
	});

	it('refuses people who may not read the board, with a JSON error', async () => {
		const { server, board } = await h.board(driver);
		const anonymous = new ApiClient(server.url);
		const denied = await get(anonymous, `/api/boards/${board.id}/export.svg`);
		expect(denied.status).toBe(401);
		expect(await denied.json()).toMatchObject({ code: 'unauthenticated' });
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Autre Personne');
		for (const path of ['export.svg', 'export.pdf', 'items.csv', 'outline.md']) {
			const response = await get(stranger, `/api/boards/${board.id}/${path}`);
			expect(response.status).toBe(404);
			expect(await response.json()).toMatchObject({ code: 'board_unknown' });
		}
	});
});
