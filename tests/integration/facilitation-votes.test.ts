import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createItem, createSticky, itemsOf } from '../../src/lib/board/schema.ts';
import { votes } from '../../src/lib/server/db/schema.ts';
import type { VoteResult } from '../../src/lib/shared/facilitation.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, db, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('facilitation: dot voting (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	async function votingRoom() {
		const setup = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' },
			{ name: 'Élise', category: 'elu' },
			{ name: 'Olga', category: 'agent', role: 'observer' }
		]);
		const { server, facilitator, ws, guests } = setup;
		const doc = (await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie })).doc;
		const frame = createItem(doc, { type: 'frame', x: 0, y: 0, text: 'Pistes' });
		const a = createSticky(doc, { x: 10, y: 10, text: 'Navette' });
		itemsOf(doc).get(a)!.set('frame', frame);
		const b = createSticky(doc, { x: 2000, y: 0, text: 'Covoiturage' });
		// The server must hold the notes before anyone votes for them.
		const check = await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie });
		await vi.waitFor(() => expect(itemsOf(check.doc).size).toBe(3), WAIT);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const [paul, elise, olga] = await Promise.all(
			guests.map((guest) => facilitationClient(h, server, guest.cookie, ws.boardId))
		);
		return { ...setup, fatima, paul: paul!, elise: elise!, olga: olga!, frame, a, b };
	}

	it('tells the facilitators how many voted out of those who may and the dots per object and category so far, counts only, after each dot', async () => {
		const { ws, fatima, paul, elise, a, b } = await votingRoom();
		const boardId = ws.boardId;
		const open = { boardId, frameId: null, dots: 2, onePerObject: true, anonymous: false };
		expect(await fatima.socket.emitWithAck('vote:open', open)).toEqual({ ok: true });
		// Paul and Élise may vote; Olga observes and the facilitator leads: 0 of 2.
		await vi.waitFor(
			() => expect(fatima.last('vote:progress')).toMatchObject({ voted: 0, total: 2 }),
			WAIT
		);
		expect(await paul.socket.emitWithAck('vote:cast', { boardId, itemId: a })).toEqual({
			ok: true
		});
		expect(await paul.socket.emitWithAck('vote:cast', { boardId, itemId: b })).toEqual({
			ok: true
		});
		await vi.waitFor(
			() => expect(fatima.last('vote:progress')).toMatchObject({ voted: 1, total: 2 }),
			WAIT
		);
		expect(await elise.socket.emitWithAck('vote:cast', { boardId, itemId: a })).toEqual({
			ok: true
		});
		await vi.waitFor(
			() => expect(fatima.last('vote:progress')).toMatchObject({ voted: 2, total: 2 }),
			WAIT
		);
		// Live bars: dots per object and category so far, most first, and nobody's name.
		expect(fatima.last<{ tally: unknown }>('vote:progress')?.tally).toEqual([
			{ itemId: a, total: 2, byCategory: { usager: 1, elu: 1 } },
			{ itemId: b, total: 1, byCategory: { usager: 1 } }
		]);
		// Participants never get the figure.
		expect(paul.last('vote:progress')).toBeUndefined();
	});

	it('keeps results hidden until the round closes, then shows them per object and per category', async () => {
		const { ws, fatima, paul, elise, olga, a, b } = await votingRoom();
		const boardId = ws.boardId;
		const open = { boardId, frameId: null, dots: 2, onePerObject: true, anonymous: false };
		expect(await paul.socket.emitWithAck('vote:open', open)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await fatima.socket.emitWithAck('vote:open', open)).toEqual({ ok: true });
		await vi.waitFor(
			() => expect(paul.last('vote:state')).toMatchObject({ round: { dots: 2 } }),
			WAIT
		);

		const cast = (client: typeof paul, itemId: string) =>
			client.socket.emitWithAck('vote:cast', { boardId, itemId });
		expect(await cast(paul, a)).toEqual({ ok: true });
		expect(await cast(paul, a)).toEqual({ ok: false, reason: 'limit' });
		expect(await cast(paul, b)).toEqual({ ok: true });
		expect(await cast(paul, 'no-such-note')).toEqual({ ok: false, reason: 'invalid' });
		expect(await cast(elise, a)).toEqual({ ok: true });
		expect(await cast(olga, a)).toEqual({ ok: false, reason: 'forbidden' });
		await vi.waitFor(() => expect(paul.last('vote:mine')).toMatchObject({ dots: [a, b] }), WAIT);
		expect(await cast(paul, a)).toEqual({ ok: false, reason: 'limit' });

		for (const client of [fatima, paul, elise, olga]) {
			expect(client.received.has('vote:results')).toBe(false);
		}
		expect(await fatima.socket.emitWithAck('vote:close', { boardId })).toEqual({ ok: true });
		const results = () => olga.last<{ results: VoteResult[] }>('vote:results')?.results;
		await vi.waitFor(() => expect(results()).toBeDefined(), WAIT);
		expect(results()).toEqual([
			{
				itemId: a,
				total: 2,
				byCategory: { usager: 1, elu: 1 },
				voters: expect.arrayContaining(['Paul', 'Élise'])
			},
			{ itemId: b, total: 1, byCategory: { usager: 1 }, voters: ['Paul'] }
		]);
		const stored = await db().select({ category: votes.category }).from(votes);
		expect(stored.map((row) => row.category).sort()).toEqual(['elu', 'usager', 'usager']);
		expect(await cast(elise, b)).toEqual({ ok: false, reason: 'conflict' });
	});

	it('limits a frame round to that frame’s objects and names no voter in an anonymous round', async () => {
		const { ws, fatima, paul, frame, a, b } = await votingRoom();
		const boardId = ws.boardId;
		await fatima.socket.emitWithAck('vote:open', {
			boardId,
			frameId: frame,
			dots: 3,
			onePerObject: false,
			anonymous: true
		});
		const cast = (itemId: string) => paul.socket.emitWithAck('vote:cast', { boardId, itemId });
		expect(await cast(b)).toEqual({ ok: false, reason: 'invalid' });
		expect(await cast(frame)).toEqual({ ok: false, reason: 'invalid' });
		expect(await cast(a)).toEqual({ ok: true });
		expect(await cast(a)).toEqual({ ok: true });
		expect(await paul.socket.emitWithAck('vote:retract', { boardId, itemId: a })).toEqual({
			ok: true
		});
		await fatima.socket.emitWithAck('vote:close', { boardId });
		await vi.waitFor(
			() =>
				expect(paul.last<{ results: VoteResult[] }>('vote:results')?.results).toEqual([
					{ itemId: a, total: 1, byCategory: { usager: 1 }, voters: [] }
				]),
			WAIT
		);
		const rows = await db().select().from(votes).where(eq(votes.itemId, a));
		expect(rows).toHaveLength(1);
	});

	it('never spends more dots than a person has, however many casts arrive at once', async () => {
		const { server, ws, fatima, paul, guests, a, b } = await votingRoom();
		const boardId = ws.boardId;
		const paulAgain = await facilitationClient(h, server, guests[0]!.cookie, boardId);
		await fatima.socket.emitWithAck('vote:open', {
			boardId,
			frameId: null,
			dots: 3,
			onePerObject: false,
			anonymous: false
		});
		// 20 casts in flight together, from two tabs of the same person.
		const acks = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				(i % 2 ? paul : paulAgain).socket.emitWithAck('vote:cast', {
					boardId,
					itemId: i % 3 ? a : b
				})
			)
		);
		expect(acks.filter((ack) => ack.ok)).toHaveLength(3);
		expect(await db().select().from(votes)).toHaveLength(3);
	});

	it('never gives one object two dots of a person in a one-per-object round, under parallel casts', async () => {
		const { ws, fatima, paul, a } = await votingRoom();
		const boardId = ws.boardId;
		await fatima.socket.emitWithAck('vote:open', {
			boardId,
			frameId: null,
			dots: 5,
			onePerObject: true,
			anonymous: false
		});
		const acks = await Promise.all(
			Array.from({ length: 20 }, () => paul.socket.emitWithAck('vote:cast', { boardId, itemId: a }))
		);
		expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
		expect(await db().select().from(votes)).toHaveLength(1);
	});
});
