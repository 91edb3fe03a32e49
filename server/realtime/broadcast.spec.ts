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

	it('still leaves out their own updates when a batch has many senders, in log2(senders) frames each', () => {
		for (const count of [MAX_MERGED_SENDERS + 1, MAX_MERGED_SENDERS + 2, 100]) {
			const senders = Array.from({ length: count }, () => new Receiver());
			const watcher = new Receiver();
			broadcastBatch({ entries: entriesFrom(senders), receivers: [...senders, watcher] });
			expect(watcher.notes()).toHaveLength(count);
			expect(watcher.frames).toBe(1);
			senders.forEach((sender, index) => {
				const others = senders.map((_, i) => `note-${i}`).filter((_, i) => i !== index);
				expect(sender.notes()).toEqual(others.sort());
				expect(sender.frames).toBeLessThanOrEqual(Math.ceil(Math.log2(count)));
			});
		}
	});

	it('converges every sender when their updates build on one another’s in the same batch', () => {
		const senders = Array.from({ length: MAX_MERGED_SENDERS + 3 }, () => new Receiver());
		const watcher = new Receiver();
		// Each sender types into the text as the previous one left it (its insertions refer to the
		// previous senders' characters) and adds two notes: several updates per sender, most of
		// them depending on structs of other senders' updates. A sender holds its own updates.
		const entries: StoredEntry[] = [];
		let previous = new Y.Doc();
		senders.forEach((sender, index) => {
			Y.applyUpdate(sender.doc, Y.encodeStateAsUpdate(previous));
			sender.doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin !== 'relay') entries.push({ update, origin: sender });
			});
			sender.doc.getText('text').insert(0, `${index};`);
			sender.doc.getArray<string>('notes').push([`note-${index}-a`]);
			sender.doc.getArray<string>('notes').push([`note-${index}-b`]);
			previous = sender.doc;
		});
		const expected = previous.getText('text').toString();
		// Receivers apply what they are sent from here on (their own edits are done).
		for (const receiver of [...senders, watcher]) {
			receiver.send = (message: Uint8Array) => {
				receiver.frames++;
				const decoder = decoding.createDecoder(message);
				decoding.readVarUint(decoder);
				decoding.readVarUint(decoder);
				Y.applyUpdate(receiver.doc, decoding.readVarUint8Array(decoder), 'relay');
			};
		}
		broadcastBatch({ entries, receivers: [...senders, watcher] });
		for (const receiver of [...senders, watcher]) {
			expect(receiver.doc.getText('text').toString()).toBe(expected);
			expect(receiver.notes()).toHaveLength(2 * senders.length);
			expect(receiver.doc.store.pendingStructs).toBeNull();
		}
	});

	it('sends nothing to a lone sender', () => {
		const sender = new Receiver();
		broadcastBatch({ entries: entriesFrom([sender]), receivers: [sender] });
		expect(sender.frames).toBe(0);
	});
});
