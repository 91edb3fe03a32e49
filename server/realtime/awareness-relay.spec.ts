import * as decoding from 'lib0/decoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AwarenessRelay, type AwarenessReceiver } from './awareness-relay.ts';
import { MESSAGE_AWARENESS } from './protocol.ts';

/** A receiver that applies what it gets to its own `Awareness`, like a browser tab. */
class Tab implements AwarenessReceiver {
	readonly awareness = new Awareness(new Y.Doc());
	readonly frames: Uint8Array[] = [];
	bufferedAmount = 0;
	awarenessView: string = 'names';
	missedAwareness: Set<number> | null = null;

	send(message: Uint8Array): void {
		this.frames.push(message);
		const decoder = decoding.createDecoder(message);
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
		applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
	}

	cursorOf(clientId: number): unknown {
		return this.awareness.getStates().get(clientId)?.cursor;
	}
}

/** A peer publishing states into the server's awareness, as `Room.receiveAwareness` does. */
function peer(server: Awareness): { id: number; move(x: number): void; leave(): void } {
	const own = new Awareness(new Y.Doc());
	const forward = () =>
		applyAwarenessUpdate(server, encodeAwarenessUpdate(own, [own.clientID]), 'peer');
	return {
		id: own.clientID,
		move(x) {
			own.setLocalState({ cursor: { x } });
			forward();
		},
		leave() {
			own.setLocalState(null);
			forward();
		}
	};
}

const rooms: Array<{ server: Awareness; relay: AwarenessRelay }> = [];

function room(tabs: Tab[]): { server: Awareness; relay: AwarenessRelay } {
	const server = new Awareness(new Y.Doc());
	server.setLocalState(null);
	const relay = new AwarenessRelay({ awareness: server, receivers: () => tabs, flushMs: 60_000 });
	type Change = { added: number[]; updated: number[]; removed: number[] };
	const ids = (c: Change) => [...c.added, ...c.updated, ...c.removed];
	server.on('change', (c: Change) => relay.changed({ clientIds: ids(c), renewalOnly: false }));
	server.on('update', (c: Change) => relay.changed({ clientIds: ids(c), renewalOnly: true }));
	rooms.push({ server, relay });
	return { server, relay };
}

afterEach(() => {
	for (const { server, relay } of rooms.splice(0)) {
		relay.stop();
		server.destroy();
	}
});

describe('AwarenessRelay', () => {
	it('relays the latest state of every peer in one frame per flush, encoded once', () => {
		const tabs = [new Tab(), new Tab(), new Tab()];
		const { server, relay } = room(tabs);
		const a = peer(server);
		const b = peer(server);
		for (let x = 0; x < 50; x++) {
			a.move(x);
			b.move(100 + x);
		}
		relay.flush();
		for (const tab of tabs) {
			expect(tab.frames).toHaveLength(1);
			expect(tab.cursorOf(a.id)).toEqual({ x: 49 });
			expect(tab.cursorOf(b.id)).toEqual({ x: 149 });
		}
		// The same bytes went to every receiver: one encoding for the room.
		expect(tabs[1]?.frames[0]).toBe(tabs[0]?.frames[0]);
	});

	it('encodes once per view: receivers of another view get their own rendering', () => {
		const names = [new Tab(), new Tab()];
		const pseudonyms = [new Tab(), new Tab()];
		for (const tab of pseudonyms) tab.awarenessView = 'pseudonyms';
		const server = new Awareness(new Y.Doc());
		server.setLocalState(null);
		const relay = new AwarenessRelay({
			awareness: server,
			receivers: () => [...names, ...pseudonyms],
			encode: ({ clientIds, view }) => {
				if (view === 'names') return encodeAwarenessUpdate(server, clientIds);
				const shadow = new Awareness(new Y.Doc());
				for (const id of clientIds) {
					shadow.states.set(id, { ...server.getStates().get(id), user: { name: 'Pseudo' } });
					shadow.meta.set(id, { clock: server.meta.get(id)?.clock ?? 0, lastUpdated: 0 });
				}
				return encodeAwarenessUpdate(shadow, clientIds);
			},
			flushMs: 60_000
		});
		rooms.push({ server, relay });
		server.on('change', ({ added, updated }: { added: number[]; updated: number[] }) =>
			relay.changed({ clientIds: [...added, ...updated], renewalOnly: false })
		);
		const a = peer(server);
		a.move(3);
		relay.flush();
		const userOf = (tab: Tab) => tab.awareness.getStates().get(a.id)?.user;
		expect(names.map(userOf)).toEqual([undefined, undefined]);
		expect(pseudonyms.map(userOf)).toEqual([{ name: 'Pseudo' }, { name: 'Pseudo' }]);
		expect(pseudonyms[1]?.frames[0]).toBe(pseudonyms[0]?.frames[0]);
		expect(pseudonyms[0]?.cursorOf(a.id)).toEqual({ x: 3 });
	});

	it('sends nothing when nothing changed since the last flush', () => {
		const tabs = [new Tab()];
		const { server, relay } = room(tabs);
		peer(server).move(1);
		relay.flush();
		relay.flush();
		expect(tabs[0]?.frames).toHaveLength(1);
	});

	it('holds awareness back from a congested socket, then sends it the latest of everything it missed', () => {
		const fast = new Tab();
		const slow = new Tab();
		const { server, relay } = room([fast, slow]);
		const a = peer(server);
		const b = peer(server);
		a.move(1);
		b.move(1);
		relay.flush();
		slow.bufferedAmount = 10 * 1024 * 1024;
		a.move(2);
		relay.flush();
		b.leave();
		relay.flush();
		a.move(3);
		relay.flush();
		expect(slow.frames).toHaveLength(1);
		expect(slow.cursorOf(a.id)).toEqual({ x: 1 });

		slow.bufferedAmount = 0;
		relay.flush();
		expect(slow.frames).toHaveLength(2);
		expect(slow.cursorOf(a.id)).toEqual({ x: 3 });
		expect(slow.awareness.getStates().has(b.id)).toBe(false);
		expect(fast.cursorOf(a.id)).toEqual({ x: 3 });
		expect(fast.frames).toHaveLength(4);
	});

	it('gives a joiner every current state in one cached message', () => {
		const { server, relay } = room([]);
		const a = peer(server);
		a.move(5);
		const first = relay.fullStateMessage('names');
		expect(relay.fullStateMessage('names')).toBe(first);
		const joiner = new Tab();
		if (first) joiner.send(first);
		expect(joiner.cursorOf(a.id)).toEqual({ x: 5 });
		a.move(6);
		expect(relay.fullStateMessage('names')).not.toBe(first);
	});

	it('flushes on its own after the configured delay', async () => {
		const tab = new Tab();
		const server = new Awareness(new Y.Doc());
		server.setLocalState(null);
		const relay = new AwarenessRelay({ awareness: server, receivers: () => [tab], flushMs: 5 });
		rooms.push({ server, relay });
		server.on('change', ({ updated, added }: { updated: number[]; added: number[] }) =>
			relay.changed({ clientIds: [...added, ...updated], renewalOnly: false })
		);
		const a = peer(server);
		a.move(7);
		expect(tab.frames).toHaveLength(0);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(tab.cursorOf(a.id)).toEqual({ x: 7 });
	});
});
