import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_MERGED_SENDERS, broadcastBatch, type StoredEntry } from './broadcast.ts';
import { MESSAGE_SYNC, SYNC_UPDATE } from './protocol.ts';

/** A receiver applying every update frame it gets to its own document. */
class Receiver {
	readonly doc = new Y.Doc();
	frames = 0;

	send(message: Uint8Array): void {
		this.frames++;
		const decoder = decoding.createDecoder(message);
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
		expect(decoding.readVarUint(decoder)).toBe(SYNC_UPDATE);
		Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder));
	}

	notes(): string[] {
		return [...this.doc.getArray<string>('notes').toArray()].sort();
	}
}

/** One update per sender, each adding a note named after it, from independent documents. */
function entriesFrom(senders: Receiver[]): StoredEntry[] {
	return senders.map((sender, index) => {
		const doc = new Y.Doc();
		let update: Uint8Array | null = null;
		doc.on('update', (u: Uint8Array) => (update = u));
		doc.getArray<string>('notes').push([`note-${index}`]);
		if (!update) throw new Error('no update');
		return { update, origin: sender };
	});
}

describe('broadcastBatch', () => {
	it('sends a batch as one merged frame, the same bytes for every receiver that sent nothing', () => {
		const senders = [new Receiver(), new Receiver(), new Receiver()];
		const watchers = [new Receiver(), new Receiver()];
		const entries = entriesFrom(senders);
		const sent: Uint8Array[] = [];
		const spy = { send: (message: Uint8Array) => sent.push(message) };
		broadcastBatch({ entries, receivers: [...senders, ...watchers, spy, spy] });
		for (const watcher of watchers) {
			expect(watcher.frames).toBe(1);
			expect(watcher.notes()).toEqual(['note-0', 'note-1', 'note-2']);
		}
		expect(sent[0]).toBe(sent[1]);
	});

	it('never sends a sender its own update, only the others’', () => {
		const senders = [new Receiver(), new Receiver(), new Receiver()];
		broadcastBatch({ entries: entriesFrom(senders), receivers: senders });
		expect(senders.map((s) => s.notes())).toEqual([
			['note-1', 'note-2'],
			['note-0', 'note-2'],
			['note-0', 'note-1']
		]);
		expect(senders.map((s) => s.frames)).toEqual([1, 1, 1]);
	});

	it('still leaves out their own updates when a backlog has many senders', () => {
		const senders = Array.from({ length: MAX_MERGED_SENDERS + 2 }, () => new Receiver());
		const watcher = new Receiver();
		broadcastBatch({ entries: entriesFrom(senders), receivers: [...senders, watcher] });
		expect(watcher.notes()).toHaveLength(senders.length);
		senders.forEach((sender, index) => {
			expect(sender.notes()).toHaveLength(senders.length - 1);
			expect(sender.notes()).not.toContain(`note-${index}`);
		});
	});

	it('sends nothing to a lone sender', () => {
		const sender = new Receiver();
		broadcastBatch({ entries: entriesFrom([sender]), receivers: [sender] });
		expect(sender.frames).toBe(0);
	});
});
