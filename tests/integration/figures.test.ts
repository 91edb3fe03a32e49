import { inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boardUpdates, boards, workshops } from '../../src/lib/server/db/schema.ts';
import type { WorkshopFigures } from '../../src/lib/shared/figures.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { recordedWorkshop, WORKSHOP_NAMES } from './report-support.ts';
import { Harness, db, warmUp } from './support.ts';

describe.each(DRIVERS)('workshop figures (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('counts people, contributions, votes and feedback by category from a real workshop, with no names', async () => {
		const { ws, evaluator } = await recordedWorkshop(h, driver);
		const { status, body } = await evaluator.request<WorkshopFigures>(
			'GET',
			`/api/workshops/${ws.id}/figures`
		);
		expect(status).toBe(200);
		expect(body.participants.byCategory).toEqual({ usager: 2, agent: 1 });
		expect(body.participants.byRole).toEqual({
			facilitator: 1,
			participant: 3,
			observer: 1,
			evaluator: 1
		});
		expect(body.contributions.byCategory.usager).toMatchObject({ created: 3, edited: 0 });
		expect(body.contributions.byCategory.agent).toMatchObject({ created: 1, edited: 1 });
		// "Une navette le samedi matin" + "Horaires" + "Rampe" = 7 words; "Accueil" + "Vite" = 2.
		expect(body.contributions.byCategory.usager!.words).toBe(7);
		expect(body.contributions.byCategory.agent!.words).toBe(2);
		expect(body.votes.byCategory).toEqual({ usager: 1, agent: 1 });
		expect(body.voteRounds).toHaveLength(1);
		expect(body.voteRounds[0]!.objects).toEqual([
			{ label: 'Vite : Une navette le samedi matin', total: 2, byCategory: { usager: 1, agent: 1 } }
		]);
		expect(body.activeMinutes.usager).toBeGreaterThanOrEqual(1);
		expect(body.activeMinutes.agent).toBeGreaterThanOrEqual(1);
		const overTime = body.contributions.overTime.flatMap((b) => Object.entries(b.byCategory));
		expect(overTime.filter(([key]) => key === 'usager').reduce((s, [, n]) => s + n, 0)).toBe(3);
		// Usagers are 2/3 of participants and made 3/5 of the contributions: 1 − ½(|0.6−⅔|·2).
		expect(body.voiceBalance).toBeCloseTo(0.933, 3);
		expect(body.feedback.overall).toEqual({ count: 2, mean: 3, distribution: [0, 1, 0, 1, 0] });
		expect(body.feedback.byCategory.usager).toMatchObject({ count: 1, mean: 4 });
		expect(body.feedback.comments).toEqual([
			{ category: 'agent', satisfaction: 2, worked: '', change: 'Plus de temps' },
			{ category: 'usager', satisfaction: 4, worked: 'On a été écoutés', change: '' }
		]);
		const text = JSON.stringify(body);
		for (const name of WORKSHOP_NAMES) expect(text).not.toContain(name);
	});

	it('lets facilitators and evaluators read the figures, nobody else', async () => {
		const { ws, facilitator, observer, paul, server } = await recordedWorkshop(h, driver);
		const path = `/api/workshops/${ws.id}/figures`;
		expect((await facilitator.request('GET', path)).status).toBe(200);
		expect(await observer.request('GET', path)).toMatchObject({
			status: 403,
			body: { code: 'report_forbidden' }
		});
		expect((await paul.request('GET', path)).status).toBe(403);
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Sam Stranger');
		expect((await stranger.request('GET', path)).status).toBe(404);
	});

	it('keeps an archived workshop’s figures once raw update logs are purged', async () => {
		const { ws, evaluator } = await recordedWorkshop(h, driver);
		await db().update(workshops).set({ status: 'archived' });
		const path = `/api/workshops/${ws.id}/figures`;
		const before = await evaluator.request<WorkshopFigures>('GET', path);
		expect(before.body.workshop.archived).toBe(true);
		const boardIds = db().select({ id: boards.id }).from(boards);
		await db().delete(boardUpdates).where(inArray(boardUpdates.boardId, boardIds));
		const after = await evaluator.request<WorkshopFigures>('GET', path);
		expect(after.body.contributions).toEqual(before.body.contributions);
		expect(after.body.computedAt).toBe(before.body.computedAt);
	});
});
