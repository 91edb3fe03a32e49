import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/database.ts';
import { pdfText } from '../helpers/export-parsing.ts';
import type { ApiClient } from '../helpers/http-client.ts';
import { recordedWorkshop, WORKSHOP_NAMES } from './report-support.ts';
import { Harness, warmUp } from './support.ts';

function get(client: ApiClient, path: string, locale = 'fr') {
	return fetch(`${client.baseUrl}${path}`, {
		headers: { cookie: `${client.cookie}; croisee-locale=${locale}` }
	});
}

describe.each(DRIVERS)('workshop report (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('shows an evaluator the figures as charts with their data tables, and no names', async () => {
		const { ws, evaluator, observer } = await recordedWorkshop(h, driver);
		const page = await get(evaluator, `/workshops/${ws.id}/report`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Bilan de la séance');
		expect(html).toMatch(/role="img"[^>]*aria-describedby="[^"]+-table"[^>]*>\s*<canvas/);
		expect(html).toContain('Contributions par catégorie');
		expect(html).toContain('Vite : Une navette le samedi matin');
		expect(html).toContain('Plus de temps');
		for (const name of WORKSHOP_NAMES) expect(html).not.toContain(name);
		expect((await get(observer, `/workshops/${ws.id}/report`)).status).toBe(403);
	});

	it('exports the report as a PDF whose text holds the figures by category, in the reader’s language', async () => {
		const { ws, facilitator, paul } = await recordedWorkshop(h, driver);
		const response = await get(facilitator, `/api/workshops/${ws.id}/report.pdf`, 'en');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
		expect(text).toContain('Session report');
		expect(text).toContain('Contributions by category');
		expect(text).toContain('Service users');
		expect(text).not.toMatch(/\busager\b/);
		expect(text).toContain('Vite : Une navette le samedi matin');
		expect(text).toContain('Voice balance index: 0.93');
		expect(text).toContain('Plus de temps');
		// The facilitators sign the cover; participants are never named.
		expect(text).toContain('Facilitated by');
		expect(text).toContain('Fatima Facilitatrice');
		for (const name of WORKSHOP_NAMES.filter((n) => n !== 'Fatima Facilitatrice'))
			expect(text).not.toContain(name);
		const refused = await get(paul, `/api/workshops/${ws.id}/report.pdf`);
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({ code: 'report_forbidden' });
	});

	it('names the place the facilitator gave on the report, the PDF cover and the public page', async () => {
		const { ws, facilitator, evaluator } = await recordedWorkshop(h, driver);
		const path = `/api/workshops/${ws.id}`;
		const tooLong = await facilitator.request('PATCH', path, { place: 'x'.repeat(161) });
		expect(tooLong.status).toBe(400);
		const place = 'Salle du conseil, mairie de Villeurbanne';
		expect((await facilitator.request('PATCH', path, { place: `  ${place} ` })).status).toBe(200);

		const report = await (await get(evaluator, `/workshops/${ws.id}/report`)).text();
		expect(report).toMatch(new RegExp(`<p class="facts[^"]*">[^<]* · ${place}</p>`));
		const pdf = await get(facilitator, `/api/workshops/${ws.id}/report.pdf`);
		const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
		expect(text).toMatch(new RegExp(`Lieu\\s+${place}`));

		await facilitator.request('POST', `/api/workshops/${ws.id}/archive`);
		const published = await facilitator.request<{ url: string }>(
			'PUT',
			`/api/workshops/${ws.id}/publication`,
			{ boardIds: [ws.boardId] }
		);
		const page = await (await fetch(published.body.url)).text();
		expect(page).toContain(place);
	});
});
