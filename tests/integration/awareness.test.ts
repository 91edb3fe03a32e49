import * as encoding from 'lib0/encoding';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { colorForUser } from '../../src/lib/shared/colors.ts';
import { DRIVERS } from '../helpers/database.ts';
import { Harness, joinAsGuest, userIdOf, warmUp } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** An awareness frame announcing `state` for `clientId` at `clock`, as a client would send it. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const frame = encoding.createEncoder();
	encoding.writeVarUint(frame, 1);
	encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
	return encoding.toUint8Array(frame);
}

describe.each(DRIVERS)('awareness (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('shows everyone with the name, category and colour the server knows, whatever the client claims', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		a.provider.awareness.setLocalState({
			user: { name: 'Président', category: 'elu', color: '#000000' },
			cursor: { x: 1, y: 2 }
		});
		b.provider.awareness.setLocalState({ user: { name: 'Paul' }, cursor: { x: 3, y: 4 } });

		const facilitatorId = await userIdOf(facilitator);
		const guestId = await userIdOf(guest);
		await vi.waitFor(() => {
			expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({
				user: { name: 'Fatima Facilitatrice', category: null, color: colorForUser(facilitatorId) },
				cursor: { x: 1, y: 2 }
			});
		}, WAIT);
		await vi.waitFor(() => {
			expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({
				user: { name: 'Paul', category: 'usager', color: colorForUser(guestId) },
				cursor: { x: 3, y: 4 }
			});
		}, WAIT);
	});

	it('drops states announced for a client id another person owns', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const mallory = await joinAsGuest(server, board.joinUrl, 'Mallory', 'elu');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		a.provider.awareness.setLocalState({ cursor: { x: 1, y: 1 } });
		await vi.waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true));

		const raw = await h.rawSocket(server, board.id, { cookie: mallory.cookie });
		raw.send(awarenessFrame(a.doc.clientID, 1_000, { cursor: { x: 666, y: 666 } }));
		raw.send(awarenessFrame(424_242, 1, { cursor: { x: 7, y: 7 } }));
		await vi.waitFor(() => {
			expect(b.provider.awareness.getStates().get(424_242)).toMatchObject({
				user: { name: 'Mallory', category: 'elu' },
				cursor: { x: 7, y: 7 }
			});
		}, WAIT);
		expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({
			user: { name: 'Fatima Facilitatrice' },
			cursor: { x: 1, y: 1 }
		});
	});

	it('removes a client’s state for the others when its socket disappears', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		a.provider.awareness.setLocalState({ cursor: { x: 1, y: 1 } });
		await vi.waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true));

		// Drop the socket without the goodbye (null state) a clean disconnect would send.
		a.provider.shouldConnect = false;
		(a.provider.ws as unknown as WebSocket).terminate();
		await vi.waitFor(() => {
			expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
		}, WAIT);
		expect(b.closeCodes).toEqual([]);
	});
});
