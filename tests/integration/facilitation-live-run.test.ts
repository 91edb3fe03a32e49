import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { workshopEvents } from '../../src/lib/server/db/schema.ts';
import { remainingMs, type LiveRunState, type Signal } from '../../src/lib/shared/facilitation.ts';
import { DRIVERS } from '../helpers/database.ts';
import {
	LiveRunStore,
	selectPhase,
	startTimer
} from '../../server/realtime/facilitation/live-run.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, db, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('facilitation: agenda, timer and hands (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('lets only facilitators run the agenda and timer, which late joiners see with the same end time', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);

		expect(
			await paul.socket.emitWithAck('timer:start', { boardId: ws.boardId, seconds: 60 })
		).toEqual({ ok: false, reason: 'forbidden' });
		const agenda = await fatima.socket.emitWithAck('agenda:set', {
			boardId: ws.boardId,
			phases: [
				{ title: 'Accueil', plannedSeconds: 300 },
				{ title: 'Idées en silence', plannedSeconds: 600 }
			]
		});
		expect(agenda).toEqual({ ok: true });
		await vi.waitFor(
			() => expect(paul.last<LiveRunState>('run:state')?.agenda).toHaveLength(2),
			WAIT
		);
		const phaseId = paul.last<LiveRunState>('run:state')!.agenda[1]!.id;
		await fatima.socket.emitWithAck('phase:set', { boardId: ws.boardId, phaseId });
		await fatima.socket.emitWithAck('timer:start', { boardId: ws.boardId });
		await fatima.socket.emitWithAck('timer:add', { boardId: ws.boardId, seconds: 60 });
		// The state after "add 60 s": 10 minutes planned, plus one.
		const left = () => {
			const state = paul.last<LiveRunState>('run:state');
			return state?.timer.running ? remainingMs(state.timer, state.serverNow) : 0;
		};
		await vi.waitFor(() => expect(left()).toBeGreaterThan(600_000), WAIT);
		const seen = paul.last<LiveRunState>('run:state')!;
		expect(seen.phaseId).toBe(phaseId);
		expect(remainingMs(seen.timer, seen.serverNow)).toBeLessThanOrEqual(660_000);

		const late = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		expect(late.joined.liveRun.timer.endsAt).toBe(seen.timer.endsAt);
		expect(late.joined.liveRun.phaseId).toBe(phaseId);

		await fatima.socket.emitWithAck('timer:pause', { boardId: ws.boardId });
		await vi.waitFor(
			() => expect(paul.last<LiveRunState>('run:state')?.timer.running).toBe(false),
			WAIT
		);
		const types = (
			await db()
				.select({ type: workshopEvents.type })
				.from(workshopEvents)
				.where(eq(workshopEvents.workshopId, ws.id))
				.orderBy(asc(workshopEvents.id))
		)
			.map((row) => row.type)
			.filter((type) => !['join', 'leave', 'workshop-settings'].includes(type));
		expect(types).toEqual(['agenda', 'phase', 'timer-start', 'timer-add', 'timer-pause']);
	});

	it('broadcasts quick changes in the order they were made: a phase picked then started at once runs', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		await fatima.socket.emitWithAck('agenda:set', {
			boardId: ws.boardId,
			phases: [{ title: 'Idées en silence', plannedSeconds: 300 }]
		});
		await vi.waitFor(
			() => expect(paul.last<LiveRunState>('run:state')?.agenda).toHaveLength(1),
			WAIT
		);
		const phaseId = paul.last<LiveRunState>('run:state')!.agenda[0]!.id;
		for (let round = 0; round < 5; round++) {
			await fatima.socket.emitWithAck('timer:pause', { boardId: ws.boardId });
			// Both sent before either is answered, as a facilitator's two quick clicks are.
			const picked = fatima.socket.emitWithAck('phase:set', { boardId: ws.boardId, phaseId });
			const started = fatima.socket.emitWithAck('timer:start', { boardId: ws.boardId });
			expect(await Promise.all([picked, started])).toEqual([{ ok: true }, { ok: true }]);
			await vi.waitFor(
				() => expect(paul.last<LiveRunState>('run:state')?.timer.running).toBe(true),
				WAIT
			);
			// Nothing older arrives after it: both screens show the timer running.
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(paul.last<LiveRunState>('run:state')?.timer.running).toBe(true);
			expect(fatima.last<LiveRunState>('run:state')?.timer.running).toBe(true);
		}

		// The store's promise: a change is announced before the next one starts, however long
		// recording the first takes (a slow insert on one pooled connection, a quick one on another).
		const store = new LiveRunStore();
		const announced: string[] = [];
		const picked = store.update(
			ws.id,
			(s) => selectPhase(s, phaseId),
			async () => {
				await new Promise((resolve) => setTimeout(resolve, 100));
				announced.push('phase picked');
			}
		);
		const started = store.update(
			ws.id,
			(s, now) => ({ ...s, timer: startTimer(s.timer, now) }),
			async (state) => void announced.push(state.timer.running ? 'running' : 'paused')
		);
		await Promise.all([picked, started]);
		expect(announced).toEqual(['phase picked', 'running']);
	});

	it('shows raised hands and reactions to facilitators only, in order; observers cannot raise one', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' },
			{ name: 'Élise', category: 'elu' },
			{ name: 'Olga', category: 'agent', role: 'observer' }
		]);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const [paul, elise, olga] = await Promise.all(
			guests.map((guest) => facilitationClient(h, server, guest.cookie, ws.boardId))
		);
		expect(
			await paul!.socket.emitWithAck('hand:set', { boardId: ws.boardId, raised: true })
		).toEqual({
			ok: true
		});
		await elise!.socket.emitWithAck('hand:set', { boardId: ws.boardId, raised: true });
		expect(
			await olga!.socket.emitWithAck('hand:set', { boardId: ws.boardId, raised: true })
		).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		const hands = () =>
			fatima
				.last<{ hands: Signal[] }>('hands:state')
				?.hands.map((hand) => [hand.name, hand.category]);
		await vi.waitFor(
			() =>
				expect(hands()).toEqual([
					['Paul', 'usager'],
					['Élise', 'elu']
				]),
			WAIT
		);
		expect(paul!.received.has('hands:state')).toBe(false);
		expect(paul!.last('hand:yours')).toEqual({ workshopId: ws.id, raised: true });

		const paulId = fatima.last<{ hands: Signal[] }>('hands:state')!.hands[0]!.personId;
		await fatima.socket.emitWithAck('hand:lower', { boardId: ws.boardId, personId: paulId });
		await vi.waitFor(() => expect(hands()).toEqual([['Élise', 'elu']]), WAIT);
		await vi.waitFor(
			() => expect(paul!.last('hand:yours')).toEqual({ workshopId: ws.id, raised: false }),
			WAIT
		);

		await elise!.socket.emitWithAck('reaction:send', { boardId: ws.boardId, reaction: 'clarify' });
		await vi.waitFor(
			() =>
				expect(fatima.last('reaction')).toMatchObject({
					reaction: 'clarify',
					from: { name: 'Élise' }
				}),
			WAIT
		);
		expect(paul!.received.has('reaction')).toBe(false);
		const bad = await elise!.socket.emitWithAck('reaction:send', {
			boardId: ws.boardId,
			reaction: '<script>' as never
		});
		expect(bad).toEqual({ ok: false, reason: 'invalid' });
	});

	it('relays the leader’s viewport to followers and the spotlight to everyone; only facilitators lead', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		expect(
			await paul.socket.emitWithAck('follow:set', { boardId: ws.boardId, on: true })
		).toMatchObject({
			ok: false
		});
		paul.socket.emit('follow:viewport', { boardId: ws.boardId, x: 1, y: 1, zoom: 1 });
		await fatima.socket.emitWithAck('follow:set', { boardId: ws.boardId, on: true });
		await vi.waitFor(
			() =>
				expect(paul.last('follow:state')).toMatchObject({
					leader: { name: 'Fatima Facilitatrice' }
				}),
			WAIT
		);
		fatima.socket.emit('follow:viewport', { boardId: ws.boardId, x: 120, y: -40, zoom: 1.5 });
		await vi.waitFor(
			() =>
				expect(paul.last('follow:viewport')).toEqual({
					boardId: ws.boardId,
					viewport: { x: 120, y: -40, zoom: 1.5 }
				}),
			WAIT
		);
		expect(fatima.received.has('follow:viewport')).toBe(false);

		await fatima.socket.emitWithAck('spotlight:set', { boardId: ws.boardId, itemId: 'note-1' });
		await vi.waitFor(
			() => expect(paul.last('spotlight')).toEqual({ boardId: ws.boardId, itemId: 'note-1' }),
			WAIT
		);
		fatima.socket.disconnect();
		await vi.waitFor(() => expect(paul.last('follow:state')).toMatchObject({ leader: null }), WAIT);
		const late = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		expect(late.joined).toMatchObject({ follow: null, spotlight: 'note-1' });
		const rows = await db()
			.select({ type: workshopEvents.type })
			.from(workshopEvents)
			.where(and(eq(workshopEvents.workshopId, ws.id), eq(workshopEvents.type, 'spotlight')));
		expect(rows).toHaveLength(1);
	});
});
