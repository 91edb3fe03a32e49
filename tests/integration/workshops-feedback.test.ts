import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky } from '../../src/lib/board/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('feedback and voice balance (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('stores each person’s feedback with their category, readable by facilitators without names', async () => {
		const { facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' },
			{ name: 'Élise', category: 'elu' },
			{ name: 'Olga', category: 'agent', role: 'observer' }
		]);
		const [paul, elise, olga] = guests;
		const path = `/api/workshops/${ws.id}/feedback`;
		expect((await paul!.request('POST', path, { satisfaction: 6 })).status).toBe(400);
		expect(
			(await paul!.request('POST', path, { satisfaction: 2, change: 'Plus de temps' })).status
		).toBe(200);
		expect((await paul!.request('POST', path, { satisfaction: 4, worked: 'Écouté' })).status).toBe(
			200
		);
		expect((await elise!.request('POST', path, { satisfaction: 5 })).status).toBe(200);
		expect((await olga!.request('POST', path, { satisfaction: 5 })).status).toBe(403);
		expect((await paul!.request('GET', path)).status).toBe(403);

		const { body } = await facilitator.request<{
			entries: Record<string, unknown>[];
			averageByCategory: Record<string, number>;
		}>('GET', path);
		expect(body.averageByCategory).toEqual({ usager: 4, elu: 5 });
		expect(body.entries).toEqual(
			expect.arrayContaining([
				{ category: 'usager', satisfaction: 4, worked: 'Écouté', change: '' },
				{ category: 'elu', satisfaction: 5, worked: '', change: '' }
			])
		);
		expect(JSON.stringify(body)).not.toContain('Paul');
	});

	it('shows the facilitator the share of participants, contributions and votes by category', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' },
			{ name: 'Pia', category: 'usager' },
			{ name: 'Élise', category: 'elu' }
		]);
		const elise = await h.syncedProvider(server, ws.boardId, { cookie: guests[2]!.cookie });
		const note = createSticky(elise.doc, { x: 0, y: 0, text: 'Idée', category: 'elu' });
		createSticky(elise.doc, { x: 300, y: 0, text: 'Autre idée', category: 'elu' });
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const balance = () =>
			facilitator.request<Record<string, unknown>>('GET', `/api/workshops/${ws.id}/balance`);
		await vi.waitFor(async () => {
			expect((await balance()).body.contributions).toEqual({ elu: 2 });
		}, WAIT);
		await fatima.socket.emitWithAck('vote:open', {
			boardId: ws.boardId,
			frameId: null,
			dots: 1,
			onePerObject: false,
			anonymous: true
		});
		expect(
			await paul.socket.emitWithAck('vote:cast', { boardId: ws.boardId, itemId: note })
		).toEqual({ ok: true });
		expect((await balance()).body).toEqual({
			categories: ['elu', 'usager'],
			participants: { usager: 2, elu: 1 },
			contributions: { elu: 2 },
			votes: { usager: 1 }
		});
		expect((await guests[0]!.request('GET', `/api/workshops/${ws.id}/balance`)).status).toBe(403);
	});
});
