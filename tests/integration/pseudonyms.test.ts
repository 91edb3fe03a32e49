import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky } from '../../src/lib/board/schema.ts';
import type { VoteResult } from '../../src/lib/shared/facilitation.ts';
import type { PresencePerson } from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };
const PSEUDONYM = /^Usager #[0-9A-F]{6}$/;

describe.each(DRIVERS)('pseudonyms for evaluators (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	/**
	 * A workshop where Paul (usager) wrote a note and voted in a closed round, then archived:
	 * evaluators read archives only, so Eva (evaluator, usager) comes in after.
	 */
	async function archivedWorkshop() {
		const setup = await workshopWith(h, driver, [
			{ name: 'Paul Martin', category: 'usager' },
			{ name: 'Eva Luatrice', category: 'usager', role: 'evaluator' }
		]);
		const { server, facilitator, ws, guests } = setup;
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const live = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		const itemId = createSticky(live.doc, { x: 0, y: 0, text: 'Navette', category: 'usager' });
		const open = { boardId: ws.boardId, frameId: null, dots: 2, onePerObject: false };
		expect(await fatima.socket.emitWithAck('vote:open', { ...open, anonymous: false })).toEqual({
			ok: true
		});
		expect(await paul.socket.emitWithAck('vote:cast', { boardId: ws.boardId, itemId })).toEqual({
			ok: true
		});
		expect(await fatima.socket.emitWithAck('vote:close', { boardId: ws.boardId })).toEqual({
			ok: true
		});
		// Participants see who voted, by name.
		await vi.waitFor(() => {
			const results = paul.last<{ results: VoteResult[] }>('vote:results')?.results;
			expect(results?.[0]?.voters).toEqual(['Paul Martin']);
		}, WAIT);
		expect((await facilitator.request('POST', `/api/workshops/${ws.id}/archive`)).status).toBe(200);
		return { ...setup, itemId };
	}

	it('shows evaluators a stable pseudonym instead of each name, in presence, awareness and vote results', async () => {
		const { server, ws, guests } = await archivedWorkshop();
		// Paul comes back to read the archive; he still sees names.
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const eva = await facilitationClient(h, server, guests[1]!.cookie, ws.boardId);
		const evaNames = () =>
			(eva.last<{ people: PresencePerson[] }>('presence')?.people ?? []).map((p) => p.name);
		await vi.waitFor(() => expect(evaNames()).toHaveLength(2), WAIT);
		const seen = evaNames();
		expect(seen.filter((name) => PSEUDONYM.test(name))).toHaveLength(2); // Paul and Eva, usagers.
		await vi.waitFor(() => {
			const names = paul.last<{ people: PresencePerson[] }>('presence')?.people.map((p) => p.name);
			expect(names).toContain('Eva Luatrice');
		}, WAIT);

		// Awareness (cursors): the evaluator's provider gets the pseudonym, not the name.
		const paulDoc = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		const evaDoc = await h.syncedProvider(server, ws.boardId, { cookie: guests[1]!.cookie });
		paulDoc.provider.awareness.setLocalState({ cursor: { x: 1, y: 1 } });
		await vi.waitFor(() => {
			const state = evaDoc.provider.awareness.getStates().get(paulDoc.doc.clientID);
			expect((state as { user?: { name: string } } | undefined)?.user?.name).toMatch(PSEUDONYM);
		}, WAIT);
		const pseudonym = (
			evaDoc.provider.awareness.getStates().get(paulDoc.doc.clientID) as { user: { name: string } }
		).user.name;
		expect(seen).toContain(pseudonym);

		// The closed round's results name its voters by pseudonym to the evaluator.
		expect(eva.joined.vote.last?.results[0]?.voters).toEqual([pseudonym]);
		const everything = JSON.stringify([eva.joined, ...eva.received.values()]);
		expect(everything).not.toContain('Paul Martin');
	});

	it('shows names to evaluators once a facilitator allows it, and only a facilitator may', async () => {
		const { server, facilitator, ws, guests } = await archivedWorkshop();
		const eva = await facilitationClient(h, server, guests[1]!.cookie, ws.boardId);
		const refused = await guests[1]!.request('PATCH', `/api/workshops/${ws.id}`, {
			evaluatorsSeeNames: true
		});
		expect(refused.status).toBe(403);
		// Archived, nothing else may change; who reads the archive how still may.
		const renamed = await facilitator.request('PATCH', `/api/workshops/${ws.id}`, {
			title: 'Renommé',
			evaluatorsSeeNames: true
		});
		expect([renamed.status, renamed.body.code]).toEqual([409, 'workshop_archived']);
		const patched = await facilitator.request('PATCH', `/api/workshops/${ws.id}`, {
			evaluatorsSeeNames: true
		});
		expect(patched.body).toMatchObject({ evaluatorsSeeNames: true, title: 'Atelier' });
		// The evaluator's page is told to reload, and comes back seeing names.
		await vi.waitFor(() => expect(eva.received.has('access:changed')).toBe(true), WAIT);
		const again = await facilitationClient(h, server, guests[1]!.cookie, ws.boardId);
		const names = () =>
			(again.last<{ people: PresencePerson[] }>('presence')?.people ?? []).map((p) => p.name);
		await vi.waitFor(() => expect(names()).toContain('Eva Luatrice'), WAIT);
		expect(again.joined.vote.last?.results[0]?.voters).toEqual(['Paul Martin']);
	});
});
