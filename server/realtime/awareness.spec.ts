import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate as encodeStates
} from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	AwarenessOwners,
	MAX_CLIENT_IDS_PER_CONNECTION,
	decodeAwarenessUpdate,
	encodeAwarenessUpdate,
	withServerIdentity,
	type AwarenessOwner
} from './awareness.ts';
import { BadMessageError } from './protocol.ts';

function owner(userId: string): AwarenessOwner {
	return { userId, clientIds: new Set() };
}

describe('awareness codec', () => {
	it('decodes what y-protocols encodes and encodes what it applies', () => {
		const client = new Awareness(new Y.Doc());
		client.setLocalState({ cursor: { x: 1, y: 2 }, user: { name: 'Faux' } });
		const entries = decodeAwarenessUpdate(encodeStates(client, [client.clientID]));
		expect(entries).toEqual([
			{
				clientId: client.clientID,
				clock: 1,
				state: { cursor: { x: 1, y: 2 }, user: { name: 'Faux' } }
			}
		]);

		const patched = entries.map((entry) =>
			withServerIdentity(entry, { name: 'Paul', category: 'usager', color: '#0369a1' })
		);
		const server = new Awareness(new Y.Doc());
		applyAwarenessUpdate(server, encodeAwarenessUpdate(patched), 'test');
		expect(server.getStates().get(client.clientID)).toEqual({
			cursor: { x: 1, y: 2 },
			user: { name: 'Paul', category: 'usager', color: '#0369a1' }
		});
		client.destroy();
		server.destroy();
	});

	it('keeps null states (a client leaving) as they are', () => {
		const entry = { clientId: 7, clock: 3, state: null };
		expect(withServerIdentity(entry, { name: 'x', category: null, color: '#000000' })).toBe(entry);
		expect(decodeAwarenessUpdate(encodeAwarenessUpdate([entry]))).toEqual([entry]);
	});

	it('rejects truncated updates and states that are not objects', () => {
		const valid = encodeAwarenessUpdate([{ clientId: 1, clock: 1, state: { a: 1 } }]);
		expect(() => decodeAwarenessUpdate(valid.subarray(0, valid.length - 2))).toThrow();
		const numbers = encodeAwarenessUpdate([{ clientId: 1, clock: 1, state: [1, 2] as never }]);
		expect(() => decodeAwarenessUpdate(numbers)).toThrow(BadMessageError);
	});
});

describe('AwarenessOwners', () => {
	it('gives an id to the first announcer and refuses it to another person', () => {
		const owners = new AwarenessOwners<AwarenessOwner>();
		const alice = owner('alice');
		const mallory = owner('mallory');
		expect(owners.claim(1, alice, { removal: false, newer: true })).toBe(true);
		expect(owners.claim(1, mallory, { removal: false, newer: true })).toBe(false);
		expect(owners.claim(1, mallory, { removal: true, newer: true })).toBe(false);
		expect(owners.release(alice)).toEqual([1]);
		expect(owners.claim(1, mallory, { removal: false, newer: true })).toBe(true);
	});

	it('moves an id to another connection of the same person only for a newer state', () => {
		const owners = new AwarenessOwners<AwarenessOwner>();
		const tab = owner('alice');
		const reconnected = owner('alice');
		owners.claim(1, tab, { removal: false, newer: true });
		expect(owners.claim(1, reconnected, { removal: false, newer: false })).toBe(false);
		expect(owners.claim(1, reconnected, { removal: false, newer: true })).toBe(true);
		expect(owners.release(tab)).toEqual([]);
		expect(owners.release(reconnected)).toEqual([1]);
	});

	it(`caps a connection at ${MAX_CLIENT_IDS_PER_CONNECTION} ids`, () => {
		const owners = new AwarenessOwners<AwarenessOwner>();
		const greedy = owner('greedy');
		const granted = Array.from({ length: 10 }, (_, id) =>
			owners.claim(id, greedy, { removal: false, newer: true })
		);
		expect(granted.filter(Boolean)).toHaveLength(MAX_CLIENT_IDS_PER_CONNECTION);
	});
});
