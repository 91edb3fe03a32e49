import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky, itemsOf } from '../../src/lib/board/schema.ts';
import type { Signal, VoteResult, VoteRound } from '../../src/lib/shared/facilitation.ts';
import type { PresencePerson } from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('anonymous mode (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('shows participants to others by their category only, everywhere, and renames people live when it changes', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul Martin', category: 'usager' },
			{ name: 'Élise Durand', category: 'elu' }
		]);
		const before = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const socketId = before.socket.id;
		const cursor = await h.syncedProvider(server, ws.boardId, { cookie: guests[0]!.cookie });
		cursor.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
		const watcher = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		const seenName = () => {
			const state = watcher.provider.awareness.getStates().get(cursor.doc.clientID);
			return (state as { user?: { name: string } } | undefined)?.user?.name;
		};
		await vi.waitFor(() => expect(seenName()).toBe('Paul Martin'), WAIT);
		const patched = await facilitator.request('PATCH', `/api/workshops/${ws.id}`, {
			anonymous: true
		});
		expect(patched.body).toMatchObject({ anonymous: true });
		await vi.waitFor(
			() =>
				expect(before.last('workshop:anonymity')).toEqual({ workshopId: ws.id, anonymous: true }),
			WAIT
		);
		// Renamed where they are: same socket, same Yjs connection, no reload asked.
		const shown = () =>
			(before.last<{ people: PresencePerson[] }>('presence')?.people ?? []).map((p) => p.name);
		await vi.waitFor(() => expect(shown()).toContain('Usager'), WAIT);
		expect(shown()).not.toContain('Paul Martin');
		await vi.waitFor(() => expect(seenName()).toBe('Usager'), WAIT);
		expect(before.socket.connected && before.socket.id === socketId).toBe(true);
		expect(cursor.provider.wsconnected).toBe(true);
		expect(cursor.closeCodes).toEqual([]);
		expect(before.received.has('access:changed')).toBe(false);

		await facilitator.request('PATCH', `/api/workshops/${ws.id}`, { anonymous: false });
		await vi.waitFor(() => expect(seenName()).toBe('Paul Martin'), WAIT);
		await vi.waitFor(() => expect(shown()).toContain('Paul Martin'), WAIT);
		await facilitator.request('PATCH', `/api/workshops/${ws.id}`, { anonymous: true });
		await vi.waitFor(() => expect(seenName()).toBe('Usager'), WAIT);

		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const elise = await facilitationClient(h, server, guests[1]!.cookie, ws.boardId);
		const names = () =>
			(paul.last<{ people: PresencePerson[] }>('presence')?.people ?? []).map((p) => p.name);
		await vi.waitFor(
			() => expect(names().sort()).toEqual(['Fatima Facilitatrice', 'Usager', 'Élu·e']),
			WAIT
		);
		await elise.socket.emitWithAck('hand:set', { boardId: ws.boardId, raised: true });
		await vi.waitFor(
			() =>
				expect(fatima.last<{ hands: Signal[] }>('hands:state')?.hands.map((x) => x.name)).toEqual([
					'Élu·e'
				]),
			WAIT
		);
		const everything = JSON.stringify([...paul.received.values(), ...fatima.received.values()]);
		expect(everything).not.toContain('Paul Martin');
		expect(everything).not.toContain('Élise Durand');
		// The facilitator's people panel still knows who is who.
		const people = await facilitator.request<{ people: { name: string }[] }>(
			'GET',
			`/api/workshops/${ws.id}/people`
		);
		expect(people.body.people.map((p) => p.name)).toContain('Paul Martin');
	});

	it('renames a hand already raised when anonymous mode changes, both ways', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Élise Durand', category: 'elu' }
		]);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const elise = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const hands = () =>
			fatima.last<{ hands: Signal[] }>('hands:state')?.hands.map((hand) => hand.name);
		await elise.socket.emitWithAck('hand:set', { boardId: ws.boardId, raised: true });
		await vi.waitFor(() => expect(hands()).toEqual(['Élise Durand']), WAIT);
		await facilitator.request('PATCH', `/api/workshops/${ws.id}`, { anonymous: true });
		await vi.waitFor(() => expect(hands()).toEqual(['Élu·e']), WAIT);
		await facilitator.request('PATCH', `/api/workshops/${ws.id}`, { anonymous: false });
		await vi.waitFor(() => expect(hands()).toEqual(['Élise Durand']), WAIT);
	});

	it('never tells anyone who voted for what, the facilitator included: live results, results on joining, the workshop record export', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul Martin', category: 'usager' },
			{ name: 'Élise Durand', category: 'elu' }
		]);
		const patched = await facilitator.request('PATCH', `/api/workshops/${ws.id}`, {
			anonymous: true
		});
		expect(patched.status).toBe(200);
		const boardId = ws.boardId;
		const doc = (await h.syncedProvider(server, boardId, { cookie: facilitator.cookie })).doc;
		const note = createSticky(doc, { x: 10, y: 10, text: 'Navette' });
		const check = await h.syncedProvider(server, boardId, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(itemsOf(check.doc).has(note)).toBe(true), WAIT);

		const fatima = await facilitationClient(h, server, facilitator.cookie, boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		const elise = await facilitationClient(h, server, guests[1]!.cookie, boardId);
		// The facilitator asks for a named round: the anonymous workshop makes it anonymous.
		const open = { boardId, frameId: null, dots: 1, onePerObject: true, anonymous: false };
		expect(await fatima.socket.emitWithAck('vote:open', open)).toEqual({ ok: true });
		for (const voter of [paul, elise]) {
			expect(await voter.socket.emitWithAck('vote:cast', { boardId, itemId: note })).toEqual({
				ok: true
			});
		}
		expect(await fatima.socket.emitWithAck('vote:close', { boardId })).toEqual({ ok: true });
		const live = () => fatima.last<{ round: VoteRound; results: VoteResult[] }>('vote:results');
		await vi.waitFor(() => expect(live()).toBeDefined(), WAIT);
		expect(live()?.round.anonymous).toBe(true);
		expect(live()?.results).toEqual([
			{ itemId: note, total: 2, byCategory: { usager: 1, elu: 1 }, voters: [] }
		]);

		const later = await facilitationClient(h, server, facilitator.cookie, boardId);
		expect(later.joined.vote.last?.results[0]?.voters).toEqual([]);

		const exported = await facilitator.request<{
			people: { ref: string; name: string; category: string | null }[];
			voteRounds: { anonymous: boolean; votes: { voter: string }[] }[];
		}>('GET', `/api/workshops/${ws.id}/export.json`);
		expect(exported.status).toBe(200);
		const text = JSON.stringify(exported.body);
		expect(text).not.toContain('Paul Martin');
		expect(text).not.toContain('Élise Durand');
		const voters = exported.body.voteRounds[0]!.votes.map((vote) => vote.voter);
		const named = exported.body.people.filter((person) => voters.includes(person.ref));
		expect(named.map((person) => person.name).sort()).toEqual(['Usager', 'Élu·e']);
		expect(exported.body.voteRounds[0]!.anonymous).toBe(true);
		// Refs are drawn afresh for each export: nothing ties them to a tag seen elsewhere.
		const again = await facilitator.request<{ people: { ref: string }[] }>(
			'GET',
			`/api/workshops/${ws.id}/export.json`
		);
		const refs = new Set(exported.body.people.map((person) => person.ref));
		expect(again.body.people.some((person) => refs.has(person.ref))).toBe(false);

		const everything = JSON.stringify([...fatima.received.values(), later.joined]);
		expect(everything).not.toContain('Paul Martin');
		expect(everything).not.toContain('Élise Durand');
	});
});
