import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Signal } from '../../src/lib/shared/facilitation.ts';
import type { PresencePerson } from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('anonymous mode (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('shows participants to others by their category only, everywhere, and reconnects people when it changes', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul Martin', category: 'usager' },
			{ name: 'Élise Durand', category: 'elu' }
		]);
		const before = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const patched = await facilitator.request('PATCH', `/api/workshops/${ws.id}`, {
			anonymous: true
		});
		expect(patched.body).toMatchObject({ anonymous: true });
		await vi.waitFor(() => expect(before.received.has('access:changed')).toBe(true), WAIT);

		const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);
		const elise = await facilitationClient(h, server, guests[1]!.cookie, ws.boardId);
		const names = () =>
			(paul.last<{ people: PresencePerson[] }>('presence')?.people ?? []).map((p) => p.name);
		await vi.waitFor(
			() => expect(names().sort()).toEqual(['Fatima Facilitatrice', 'elu', 'usager']),
			WAIT
		);
		await elise.socket.emitWithAck('hand:set', { boardId: ws.boardId, raised: true });
		await vi.waitFor(
			() =>
				expect(fatima.last<{ hands: Signal[] }>('hands:state')?.hands.map((x) => x.name)).toEqual([
					'elu'
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
});
