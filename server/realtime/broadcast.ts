import * as Y from 'yjs';
import { encodeUpdateMessage } from './protocol.ts';

/**
 * Most distinct senders in one stored batch for which a merge of the others' updates is built;
 * beyond it (a backlog after a database outage) senders get the others' updates one by one.
 */
export const MAX_MERGED_SENDERS = 16;

/** One stored update and the transaction origin that produced it (its sender, when a socket). */
export interface StoredEntry {
	update: Uint8Array;
	origin: unknown;
}

/** A socket of the room, as far as broadcasting cares. */
export interface UpdateReceiver {
	send(message: Uint8Array): void;
}

function mergedMessage(updates: Uint8Array[]): Uint8Array | null {
	if (updates.length === 0) return null;
	const [first] = updates;
	return encodeUpdateMessage(updates.length === 1 && first ? first : Y.mergeUpdates(updates));
}

/**
 * Sends a stored batch to every receiver as one frame: the updates merged (`Y.mergeUpdates`) and
 * encoded once for all receivers that sent none of them. A receiver that sent some gets the
 * others' updates only (never its own back), merged too unless the batch has more than
 * `MAX_MERGED_SENDERS` senders.
 */
export function broadcastBatch(input: {
	entries: readonly StoredEntry[];
	receivers: Iterable<UpdateReceiver>;
}): void {
	const { entries } = input;
	if (entries.length === 0) return;
	const senders = new Set(entries.map((entry) => entry.origin));
	let all: Uint8Array | null = null;
	let single: Uint8Array[] | null = null;
	for (const receiver of input.receivers) {
		if (!senders.has(receiver)) {
			all ??= mergedMessage(entries.map((entry) => entry.update));
			if (all) receiver.send(all);
		} else if (senders.size <= MAX_MERGED_SENDERS) {
			const others = entries.filter((entry) => entry.origin !== receiver);
			const message = mergedMessage(others.map((entry) => entry.update));
			if (message) receiver.send(message);
		} else {
			single ??= entries.map((entry) => encodeUpdateMessage(entry.update));
			entries.forEach((entry, index) => {
				const message = single?.[index];
				if (entry.origin !== receiver && message) receiver.send(message);
			});
		}
	}
}
