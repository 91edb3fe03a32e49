import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { createSticky, itemsOf } from '../../src/lib/board/schema.ts';
import type { WorkshopFigures } from '../../src/lib/shared/figures.ts';
import { sharesOf, type ProgrammeFigures } from '../../src/lib/shared/programmes.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

interface ProgrammeBody {
	id: string;
	title: string;
	reader: string;
	workshops: { id: string; title: string; date: string; archived: boolean }[];
	figures: ProgrammeFigures;
}

/** A guest of a workshop: their category, how many notes they write, their satisfaction. */
interface Guest {
	name: string;
	category: string;
	notes: number;
	satisfaction?: number;
	role?: 'participant' | 'evaluator';
}

/**
 * A real workshop held on `server`: the facilitator creates a dated workshop, guests join through
 * links, write notes through the Yjs socket and give feedback. Returns the workshop's id.
 */
async function heldWorkshop(
	h: Harness,
	server: RunningServer,
	facilitator: ApiClient,
	input: { title: string; date: string; guests: Guest[] }
): Promise<{ id: string; boardId: string; clients: ApiClient[] }> {
	const { body: ws } = await facilitator.request<{ id: string; boardId: string }>(
		'POST',
		'/api/workshops',
		{ title: input.title, date: input.date }
	);
	const clients: ApiClient[] = [];
	let total = 0;
	for (const guest of input.guests) {
		const { body: link } = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/workshops/${ws.id}/invites`,
			{ role: guest.role ?? 'participant', category: guest.category }
		);
		const client = new ApiClient(server.url);
		await client.join(link.joinUrl, guest.name, guest.category);
		clients.push(client);
		if (guest.notes > 0) {
			const { doc } = await h.syncedProvider(server, ws.boardId, { cookie: client.cookie });
			for (let i = 0; i < guest.notes; i++)
				createSticky(doc, {
					x: i * 250,
					y: total * 10,
					text: `${guest.name} ${i}`,
					category: guest.category
				});
			total += guest.notes;
		}
		if (guest.satisfaction) {
			await client.request('POST', `/api/workshops/${ws.id}/feedback`, {
				satisfaction: guest.satisfaction
			});
		}
	}
	const check = (await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie })).doc;
	await vi.waitFor(() => expect(itemsOf(check).size).toBe(total), WAIT);
	return { id: ws.id, boardId: ws.boardId, clients };
}

/** A server, a facilitator, and two workshops of different participation (the later one first). */
async function twoWorkshops(h: Harness, driver: 'pglite' | 'postgres') {
	const database = await h.database(driver);
	const server = await h.server(database);
	const facilitator = new ApiClient(server.url);
	await facilitator.signUp('Fatima Facilitatrice');
	const march = await heldWorkshop(h, server, facilitator, {
		title: 'Séance de mars',
		date: '2026-03-10T09:00:00.000Z',
		guests: [
			{ name: 'Ulysse Un', category: 'usager', notes: 2, satisfaction: 5 },
			{ name: 'Ursule Deux', category: 'usager', notes: 1, satisfaction: 4 },
			{ name: 'Urbain Trois', category: 'usager', notes: 1 },
			{ name: 'Agathe Agent', category: 'agent', notes: 1, satisfaction: 3 }
		]
	});
	const january = await heldWorkshop(h, server, facilitator, {
		title: 'Séance de janvier',
		date: '2026-01-10T09:00:00.000Z',
		guests: [
			{ name: 'Ugo Usager', category: 'usager', notes: 1, satisfaction: 2 },
			{ name: 'Anne Agent', category: 'agent', notes: 2, satisfaction: 4 },
			{ name: 'Arthur Agent', category: 'agent', notes: 2 }
		]
	});
	const { status, body: programme } = await facilitator.request<{ id: string }>(
		'POST',
		'/api/programmes',
		{ title: 'Parcours mobilité 2026' }
	);
	expect(status).toBe(201);
	return { server, facilitator, march, january, programme };
}

/** An HTML page as `client` sees it (status and text). */
async function htmlPage(
	client: ApiClient,
	path: string
): Promise<{ status: number; text: string }> {
	const response = await fetch(client.baseUrl + path, {
		headers: { cookie: client.cookie },
		redirect: 'manual'
	});
	return { status: response.status, text: await response.text() };
}

async function assign(client: ApiClient, workshopId: string, programmeId: string | null) {
	return client.request<{ programmeId: string | null; code?: string }>(
		'PATCH',
		`/api/workshops/${workshopId}`,
		{ programmeId }
	);
}

describe.each(DRIVERS)('programmes (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('compares the figures of its workshops by category, in date order', async () => {
		const { facilitator, march, january, programme } = await twoWorkshops(h, driver);
		for (const workshop of [march, january]) {
			const { status, body } = await assign(facilitator, workshop.id, programme.id);
			expect(status).toBe(200);
			expect(body.programmeId).toBe(programme.id);
		}
		const { status, body } = await facilitator.request<ProgrammeBody>(
			'GET',
			`/api/programmes/${programme.id}`
		);
		expect(status).toBe(200);
		expect(body.reader).toBe('owner');
		expect(body.workshops.map((w) => w.title)).toEqual(['Séance de janvier', 'Séance de mars']);
		const workshops = body.figures.workshops;
		expect(workshops.map((s) => s.workshopId)).toEqual([january.id, march.id]);
		expect(body.figures.categories.slice(0, 2)).toEqual(['usager', 'agent']);
		// Usagers grow from 1 participant in 3 to 3 in 4; their share of contributions too.
		expect(workshops[0]!.participantShare).toEqual({ usager: 33.3, agent: 66.7 });
		expect(workshops[1]!.participantShare).toEqual({ usager: 75, agent: 25 });
		expect(workshops[0]!.contributionShare).toEqual({ usager: 20, agent: 80 });
		expect(workshops[1]!.contributionShare).toEqual({ usager: 80, agent: 20 });
		expect(workshops[0]!.feedbackMean).toEqual({ usager: 2, agent: 4 });
		expect(workshops[1]!.feedbackMean).toEqual({ usager: 4.5, agent: 3 });
		for (const [index, workshop] of [january, march].entries()) {
			const { body: figures } = await facilitator.request<WorkshopFigures>(
				'GET',
				`/api/workshops/${workshop.id}/figures`
			);
			const created = Object.fromEntries(
				Object.entries(figures.contributions.byCategory).map(([k, c]) => [k, c.created + c.edited])
			);
			expect(workshops[index]).toMatchObject({
				title: figures.workshop.title,
				participantShare: sharesOf(figures.participants.byCategory),
				contributionShare: sharesOf(created),
				voiceBalance: figures.voiceBalance,
				activeMinutes: figures.activeMinutes
			});
			expect(workshops[index]!.feedbackMean.usager).toBe(figures.feedback.byCategory.usager!.mean);
		}
		const text = JSON.stringify(body);
		for (const name of ['Ulysse', 'Agathe', 'Ugo', 'Fatima']) expect(text).not.toContain(name);
		const list = await facilitator.request<{ programmes: { id: string; reader: string }[] }>(
			'GET',
			'/api/programmes'
		);
		expect(list.body.programmes).toEqual([
			expect.objectContaining({
				id: programme.id,
				title: 'Parcours mobilité 2026',
				reader: 'owner'
			})
		]);
	});

	it('shows an evaluator the archived workshops only, and nobody else anything', async () => {
		const { server, facilitator, march, january, programme } = await twoWorkshops(h, driver);
		await assign(facilitator, march.id, programme.id);
		await assign(facilitator, january.id, programme.id);
		expect((await facilitator.request('POST', `/api/workshops/${january.id}/archive`)).status).toBe(
			200
		);
		const { body: link } = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/workshops/${january.id}/invites`,
			{ role: 'evaluator', category: 'usager' }
		);
		const evaluator = new ApiClient(server.url);
		await evaluator.join(link.joinUrl, 'Eva Luatrice', 'usager');
		const path = `/api/programmes/${programme.id}`;
		const { status, body } = await evaluator.request<ProgrammeBody>('GET', path);
		expect(status).toBe(200);
		expect(body.reader).toBe('evaluator');
		expect(body.workshops.map((w) => w.id)).toEqual([january.id]);
		expect(body.figures.workshops.map((s) => s.workshopId)).toEqual([january.id]);
		expect(JSON.stringify(body)).not.toContain('Séance de mars');
		const evaluatorPage = await htmlPage(evaluator, `/programmes/${programme.id}`);
		expect(evaluatorPage.status).toBe(200);
		expect(evaluatorPage.text).toContain('Séance de janvier');
		expect(evaluatorPage.text).not.toContain('Séance de mars');
		const ownerPage = await htmlPage(facilitator, `/programmes/${programme.id}`);
		expect(ownerPage.text).toContain('Part des participants par catégorie (%)');
		expect(ownerPage.text).toContain('Séance de mars');
		expect(ownerPage.text).toContain('Renommer');
		expect(evaluatorPage.text).not.toContain('Renommer');
		expect((await evaluator.request('GET', `/api/workshops/${march.id}/figures`)).status).toBe(404);
		expect(await evaluator.request('PATCH', path, { title: 'Autre' })).toMatchObject({
			status: 403,
			body: { code: 'programme_owner_only' }
		});
		expect((await evaluator.request('DELETE', path)).status).toBe(403);

		const participant = march.clients[0]!;
		expect(await participant.request('GET', path)).toMatchObject({
			status: 404,
			body: { code: 'programme_unknown' }
		});
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Sam Stranger');
		expect((await stranger.request('GET', path)).status).toBe(404);
		expect((await htmlPage(stranger, `/programmes/${programme.id}`)).status).toBe(404);
		expect((await stranger.request('PATCH', path, { title: 'Volé' })).status).toBe(404);
		expect((await stranger.request('DELETE', path)).status).toBe(404);
		expect((await new ApiClient(server.url).request('GET', path)).status).toBe(401);
		expect((await facilitator.request<ProgrammeBody>('GET', path)).body.title).toBe(
			'Parcours mobilité 2026'
		);
	});

	it('puts a workshop only in its facilitator’s own programme, archived ones too', async () => {
		const database = await h.database(driver);
		const server = await h.server(database);
		const fatima = new ApiClient(server.url);
		await fatima.signUp('Fatima Facilitatrice');
		const other = new ApiClient(server.url);
		await other.signUp('Omar Autre');
		const mine = await heldWorkshop(h, server, fatima, {
			title: 'Atelier de Fatima',
			date: '2026-02-01T09:00:00.000Z',
			guests: [{ name: 'Paul Martin', category: 'usager', notes: 0 }]
		});
		const theirs = await heldWorkshop(h, server, other, {
			title: 'Atelier d’Omar',
			date: '2026-02-02T09:00:00.000Z',
			guests: []
		});
		const { body: myProgramme } = await fatima.request<{ id: string }>('POST', '/api/programmes', {
			title: 'Le mien'
		});
		const { body: theirProgramme } = await other.request<{ id: string }>(
			'POST',
			'/api/programmes',
			{ title: 'Le sien' }
		);
		expect(await assign(fatima, mine.id, theirProgramme.id)).toMatchObject({
			status: 404,
			body: { code: 'programme_unknown' }
		});
		expect(await assign(fatima, theirs.id, myProgramme.id)).toMatchObject({
			status: 404,
			body: { code: 'workshop_unknown' }
		});
		expect(await assign(mine.clients[0]!, mine.id, myProgramme.id)).toMatchObject({
			status: 403,
			body: { code: 'facilitator_only' }
		});
		expect(
			(await other.request<ProgrammeBody>('GET', `/api/programmes/${theirProgramme.id}`)).body
				.workshops
		).toEqual([]);
		expect((await fatima.request('GET', `/api/workshops/${mine.id}`)).body.programmeId).toBeNull();

		await fatima.request('POST', `/api/workshops/${mine.id}/archive`);
		expect((await assign(fatima, mine.id, myProgramme.id)).status).toBe(200);
		expect(
			(
				await fatima.request('PATCH', `/api/workshops/${mine.id}`, {
					title: 'Renommé',
					programmeId: null
				})
			).status
		).toBe(409);
		expect((await fatima.request('GET', `/api/workshops/${mine.id}`)).body.programmeId).toBe(
			myProgramme.id
		);
		expect((await assign(fatima, mine.id, null)).body.programmeId).toBeNull();
	});

	it('refuses bad input with 400 and changes nothing; deleting a programme keeps its workshops', async () => {
		const { server, facilitator, march, programme } = await twoWorkshops(h, driver);
		await assign(facilitator, march.id, programme.id);
		const list = async () =>
			(await facilitator.request<{ programmes: unknown[] }>('GET', '/api/programmes')).body
				.programmes.length;
		for (const body of [
			{},
			{ title: '' },
			{ title: '   ' },
			{ title: 'x'.repeat(121) },
			{ title: 3 }
		]) {
			expect(await facilitator.request('POST', '/api/programmes', body)).toMatchObject({
				status: 400,
				body: { code: 'invalid_input' }
			});
		}
		const path = `/api/programmes/${programme.id}`;
		expect((await facilitator.request('PATCH', path, { title: '' })).status).toBe(400);
		for (const programmeId of [42, '', 'x'.repeat(65), true]) {
			expect(
				(await facilitator.request('PATCH', `/api/workshops/${march.id}`, { programmeId })).status
			).toBe(400);
		}
		expect(await list()).toBe(1);
		const { body: still } = await facilitator.request<ProgrammeBody>('GET', path);
		expect(still.title).toBe('Parcours mobilité 2026');
		expect(still.workshops.map((w) => w.id)).toEqual([march.id]);

		const guest = march.clients[0]!;
		expect(await guest.request('POST', '/api/programmes', { title: 'Invité' })).toMatchObject({
			status: 403,
			body: { code: 'account_required' }
		});

		expect((await facilitator.request('PATCH', path, { title: 'Parcours 2026' })).body).toEqual({
			id: programme.id,
			title: 'Parcours 2026'
		});
		expect((await facilitator.request('DELETE', path)).status).toBe(200);
		expect((await facilitator.request('GET', path)).status).toBe(404);
		const { status, body } = await facilitator.request('GET', `/api/workshops/${march.id}`);
		expect(status).toBe(200);
		expect(body.programmeId).toBeNull();
		expect(await list()).toBe(0);
		expect((await new ApiClient(server.url).request('GET', '/api/programmes')).status).toBe(401);
	});
});
