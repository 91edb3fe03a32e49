import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { BoardChannel, BoardMessage } from './redis-bus.ts';
import { REMOTE_ORIGIN, RemoteSync, type ReadUpdatesAfter } from './remote-sync.ts';

const silent = pino({ level: 'silent' });

/** A board's Redis channel with the other instance's messages delivered by hand. */
function fakeChannel() {
	let handler: ((message: BoardMessage) => void) | null = null;
	const channel: BoardChannel = {
		publishUpdates: () => {},
		publishAwareness: () => {},
		listen: (listener) => (handler = listener),
		close: () => {}
	};
	return { channel, deliver: (message: BoardMessage) => handler?.(message) };
}

/** Three notes typed on another instance, as the three updates it stored. */
function otherInstanceUpdates(): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (const text of ['Horaires', 'Accueil', 'Rendez-vous']) doc.getMap('items').set(text, text);
	return updates;
}

const syncs: RemoteSync[] = [];
afterEach(() => syncs.splice(0).forEach((sync) => sync.close()));

function remoteSync(readUpdatesAfter: ReadUpdatesAfter = async () => []) {
	const doc = new Y.Doc();
	const { channel, deliver } = fakeChannel();
	const sync = new RemoteSync({
		boardId: 'board',
		doc,
		awareness: new Awareness(doc),
		loadedSeq: 0,
		channel,
		log: silent,
		readUpdatesAfter
	});
	syncs.push(sync);
	const emitted: unknown[] = [];
	doc.on('update', (_update: Uint8Array, origin: unknown) => emitted.push(origin));
	return { doc, sync, deliver, emitted };
}

describe('RemoteSync', () => {
	it('applies a batch stored by another instance as one document update, relayed as one frame', () => {
		const { doc, sync, deliver, emitted } = remoteSync();
		const updates = otherInstanceUpdates();
		deliver({ kind: 'updates', instanceId: 'other', sentAt: Date.now(), firstSeq: 1, updates });

		expect([...doc.getMap('items').keys()].sort()).toEqual(['Accueil', 'Horaires', 'Rendez-vous']);
		expect(emitted).toEqual([REMOTE_ORIGIN]);
		expect(sync.appliedSeq).toBe(3);

		// The same batch again (Redis and the database both brought it) changes nothing.
		deliver({ kind: 'updates', instanceId: 'other', sentAt: Date.now(), firstSeq: 1, updates });
		expect(emitted).toEqual([REMOTE_ORIGIN]);
	});

	it('applies what a catch-up read from the database as one document update', async () => {
		const updates = otherInstanceUpdates();
		const rows = updates.map((update, i) => ({ seq: i + 1, update }));
		let reads = 0;
		const { doc, sync, emitted } = remoteSync(async () => (reads++ === 0 ? rows : []));
		await sync.catchUp();

		expect(doc.getMap('items').size).toBe(3);
		expect(emitted).toEqual([REMOTE_ORIGIN]);
		expect(sync.appliedSeq).toBe(3);
	});
});
