import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, itemsOf } from '../../src/lib/board/schema.ts';
import { workshopEvents } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { recordedWorkshop, WORKSHOP_NAMES } from './report-support.ts';
import { Harness, db, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

interface PublicationBody {
	token: string | null;
	boardIds: string[];
	url: string | null;
	code?: string;
}

/** GET without any cookie: what anyone on the internet gets. */
async function anonymous(url: string): Promise<{ status: number; type: string; text: string }> {
	const response = await fetch(url, { redirect: 'manual' });
	return {
		status: response.status,
		type: response.headers.get('content-type') ?? '',
		text: await response.text()
	};
}

/** A recorded workshop with a second board the facilitator does not publish. */
async function workshopWithHiddenBoard(h: Harness, driver: 'pglite' | 'postgres') {
	const setup = await recordedWorkshop(h, driver);
	const { server, facilitator, ws } = setup;
	const { body: hidden } = await facilitator.request<{ id: string }>(
		'POST',
		`/api/workshops/${ws.id}/boards`,
		{ title: 'Coulisses' }
	);
	const { doc } = await h.syncedProvider(server, hidden.id, { cookie: facilitator.cookie });
	createSticky(doc, { x: 0, y: 0, text: 'Texte jamais publié' });
	const check = (await h.syncedProvider(server, hidden.id, { cookie: setup.paul.cookie })).doc;
	await vi.waitFor(() => expect(itemsOf(check).size).toBe(1), WAIT);
	return { ...setup, hiddenBoardId: hidden.id };
}

describe.each(DRIVERS)('public results page (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('is refused while the workshop is active and to anyone but its facilitators', async () => {
		const { server, facilitator, ws, paul, evaluator, observer } = await recordedWorkshop(
			h,
			driver
		);
		const path = `/api/workshops/${ws.id}/publication`;
		const body = { boardIds: [ws.boardId] };
		expect(await facilitator.request('PUT', path, body)).toMatchObject({
			status: 409,
			body: { code: 'publication_needs_archive' }
		});
		await facilitator.request('POST', `/api/workshops/${ws.id}/archive`);
		for (const member of [paul, evaluator, observer]) {
			expect(await member.request('PUT', path, body)).toMatchObject({
				status: 403,
				body: { code: 'facilitator_only' }
			});
		}
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Sam Stranger');
		expect((await stranger.request('PUT', path, body)).status).toBe(404);
		expect((await stranger.request('GET', path)).status).toBe(404);
		for (const bad of [{}, { boardIds: 'x' }, { boardIds: [1] }, { boardIds: [''] }]) {
			expect((await facilitator.request('PUT', path, bad)).status).toBe(400);
		}
		expect(await facilitator.request('PUT', path, { boardIds: ['nope'] })).toMatchObject({
			status: 400,
			body: { code: 'board_invalid' }
		});
		expect((await facilitator.request<PublicationBody>('GET', path)).body).toEqual({
			token: null,
			boardIds: [],
			url: null
		});
	});

	it('serves the chosen boards and figures signed-out, with no names, e-mails or ids, until unpublished', async () => {
		const setup = await workshopWithHiddenBoard(h, driver);
		const { server, facilitator, ws, hiddenBoardId } = setup;
		await facilitator.request('POST', `/api/workshops/${ws.id}/archive`);
		const path = `/api/workshops/${ws.id}/publication`;
		const { status, body } = await facilitator.request<PublicationBody>('PUT', path, {
			boardIds: [ws.boardId]
		});
		expect(status).toBe(200);
		expect(body.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
		expect(body.url).toBe(`${server.url}/results/${body.token}`);
		const [event] = await db()
			.select({ payload: workshopEvents.payload })
			.from(workshopEvents)
			.where(
				and(eq(workshopEvents.workshopId, ws.id), eq(workshopEvents.type, 'results-published'))
			);
		expect(event?.payload).toEqual({ boardIds: [ws.boardId] });

		const page = await anonymous(body.url!);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Vite : Une navette le samedi matin');
		expect(page.text).toContain('Horaires');
		expect(page.text).toContain('Participants par catégorie');
		// Three people in two categories, all under the minimum: said so, not "nobody took part".
		expect(page.text).toContain('Trop peu de participants dans chaque catégorie');
		expect(page.text).not.toContain('Aucun participant enregistré');
		expect(page.text).toContain('Indice d’équilibre des voix : 0,93');
		expect(page.text).toContain('name="robots" content="noindex"');
		expect(page.text).toContain(`/results/${body.token}/boards/${ws.boardId}.svg`);
		// Two answers, one per category: too few to show anyone's satisfaction.
		expect(page.text).not.toContain('Satisfaction moyenne :');
		const svg = await anonymous(`${server.url}/results/${body.token}/boards/${ws.boardId}.svg`);
		expect(svg.status).toBe(200);
		expect(svg.type).toContain('image/svg+xml');
		expect(svg.text).toContain('Horaires');

		const ids = await Promise.all(
			[setup.facilitator, setup.paul, setup.zoe, setup.alain, setup.evaluator].map(userIdOf)
		);
		const forbidden = [
			...WORKSHOP_NAMES,
			'Eva Luatrice',
			'Olga Observatrice',
			'@example.org',
			...ids,
			// Free-text feedback and the unchosen board stay private.
			'On a été écoutés',
			'Plus de temps',
			'Texte jamais publié',
			'Coulisses'
		];
		for (const text of forbidden) {
			expect(page.text, text).not.toContain(text);
			expect(svg.text, text).not.toContain(text);
		}
		expect(
			(await anonymous(`${server.url}/results/${body.token}/boards/${hiddenBoardId}.svg`)).status
		).toBe(404);

		expect((await facilitator.request<PublicationBody>('DELETE', path)).body.token).toBeNull();
		expect((await anonymous(body.url!)).status).toBe(404);
		expect(
			(await anonymous(`${server.url}/results/${body.token}/boards/${ws.boardId}.svg`)).status
		).toBe(404);
		const republished = await facilitator.request<PublicationBody>('PUT', path, {
			boardIds: [ws.boardId]
		});
		expect(republished.body.token).not.toBe(body.token);
	});

	it('names no category of fewer than PUBLIC_MIN_RESPONDENTS people, in figures, outline or SVG', async () => {
		// Two usagers and one agent took part: with a minimum of 2, the agent is never shown.
		const setup = await recordedWorkshop(h, driver, { publicMinRespondents: 2 });
		const { server, facilitator, ws } = setup;
		const alainDoc = (await h.syncedProvider(server, ws.boardId, { cookie: setup.alain.cookie }))
			.doc;
		const paulDoc = (await h.syncedProvider(server, ws.boardId, { cookie: setup.paul.cookie })).doc;
		createSticky(alainDoc, { x: 0, y: 400, text: 'Passerelle', category: 'agent' });
		createSticky(paulDoc, { x: 300, y: 400, text: 'Trottoir', category: 'usager' });
		const check = (await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie })).doc;
		await vi.waitFor(() => expect(itemsOf(check).size).toBe(6), WAIT);
		await facilitator.request('POST', `/api/workshops/${ws.id}/archive`);
		const { body } = await facilitator.request<PublicationBody>(
			'PUT',
			`/api/workshops/${ws.id}/publication`,
			{ boardIds: [ws.boardId] }
		);
		const page = await anonymous(body.url!);
		const svg = await anonymous(`${server.url}/results/${body.token}/boards/${ws.boardId}.svg`);
		expect(page.status).toBe(200);
		expect(svg.status).toBe(200);
		// What a reader sees: the page without its scripts (which carry the workshop's settings).
		const visible = page.text.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
		// The agent's note is published as written, without its category; the usagers' keep theirs.
		expect(visible).toContain('Passerelle');
		expect(visible).toContain('(Usager)');
		expect(visible).not.toContain('(Agent)');
		expect(svg.text).toContain('Passerelle');
		// Notes carry their category in capitals.
		expect(svg.text).toContain('USAGER');
		expect(svg.text).not.toMatch(/agent/i);
		// No figure names the agent category either (charts name categories by their label).
		expect(visible).toMatch(/\bUsagers\b/);
		expect(visible).not.toMatch(/\bAgents?\b/);
	});

	it('never lets one workshop’s token read another workshop’s boards', async () => {
		const { server, facilitator, ws } = await recordedWorkshop(h, driver);
		const { body: other } = await facilitator.request<{ id: string; boardId: string }>(
			'POST',
			'/api/workshops',
			{ title: 'Autre atelier' }
		);
		for (const id of [ws.id, other.id]) {
			await facilitator.request('POST', `/api/workshops/${id}/archive`);
		}
		const { body: otherPublication } = await facilitator.request<PublicationBody>(
			'PUT',
			`/api/workshops/${other.id}/publication`,
			{ boardIds: [other.boardId] }
		);
		expect(otherPublication.token).toBeTruthy();
		// The first workshop is not published; even once it is, the other token cannot read it.
		const foreign = `${server.url}/results/${otherPublication.token}/boards/${ws.boardId}.svg`;
		expect((await anonymous(foreign)).status).toBe(404);
		await facilitator.request('PUT', `/api/workshops/${ws.id}/publication`, {
			boardIds: [ws.boardId]
		});
		expect((await anonymous(foreign)).status).toBe(404);
		const page = await anonymous(`${server.url}/results/${otherPublication.token}`);
		expect(page.status).toBe(200);
		expect(page.text).not.toContain('Une navette');
		expect((await anonymous(`${server.url}/results/not-a-token`)).status).toBe(404);
		expect(
			(await anonymous(`${server.url}/results/not-a-token/boards/${ws.boardId}.svg`)).status
		).toBe(404);
	});
});
