import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DRIVERS } from '../helpers/database.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import { Harness, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

describe.each(DRIVERS)('facilitation: send everyone to this board (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('brings everyone following the workshop to the facilitator’s board; participants may not', async () => {
		const { server, facilitator, ws, guests } = await workshopWith(h, driver, [
			{ name: 'Paul', category: 'usager' }
		]);
		const { body: second } = await facilitator.request<{ id: string }>(
			'POST',
			`/api/workshops/${ws.id}/boards`,
			{ title: 'Pistes' }
		);
		const fatima = await facilitationClient(h, server, facilitator.cookie, second.id);
		// Paul is on the plenary board, the facilitator on the second one.
		const paul = await facilitationClient(h, server, guests[0]!.cookie, ws.boardId);

		expect(await paul.socket.emitWithAck('workshop:gather', { boardId: ws.boardId })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(paul.last('workshop:goto')).toBeUndefined();

		expect(await fatima.socket.emitWithAck('workshop:gather', { boardId: second.id })).toEqual({
			ok: true
		});
		await vi.waitFor(
			() => expect(paul.last('workshop:goto')).toEqual({ workshopId: ws.id, boardId: second.id }),
			WAIT
		);
	});
});
