import * as Y from 'yjs';
import { encodeUpdateMessage } from './protocol.ts';

/**
 * Most distinct senders in one stored batch for which each gets one frame of its own (the others'
 * updates, merged: one merge per sender). Beyond it (a room of hundreds where many write at once,
 * a backlog after a database outage) senders get O(log senders) frames each instead, see
 * `SenderTree`.
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
 * The senders of a batch as the leaves of a balanced binary tree, each node standing for the
 * merged updates of the senders below it (merged from its two children, once, when first asked).
 * A sender gets, for each level of its path from the root, the sibling node's updates: every
 * other sender's updates exactly once and none of its own, in ⌈log2 senders⌉ frames built with
 * ⌈log2 senders⌉ merges of the batch in all. One frame per sender would cost one merge of the
 * whole batch per sender; one frame per update, which this replaced, sent a writer in a room of
 * 1,000 with 100 writers up to 160 frames per batch where a reader got one.
 */
class SenderTree {
	readonly #groups: Uint8Array[][];
	readonly #merged = new Map<string, Uint8Array>();
	readonly #messages = new Map<string, Uint8Array>();

	constructor(groups: Uint8Array[][]) {
		this.#groups = groups;
	}

	/** The merged updates of the senders `lo` (included) to `hi` (excluded). */
	#update(lo: number, hi: number): Uint8Array {
		const key = `${lo}:${hi}`;
		let update = this.#merged.get(key);
		if (!update) {
			const mid = (lo + hi) >> 1;
			const parts =
				hi - lo === 1 ? (this.#groups[lo] ?? []) : [this.#update(lo, mid), this.#update(mid, hi)];
			update = parts.length === 1 && parts[0] ? parts[0] : Y.mergeUpdates(parts);
			this.#merged.set(key, update);
		}
		return update;
	}

	/** The frame of the senders `lo` to `hi`, encoded once for every receiver it goes to. */
	message(lo: number, hi: number): Uint8Array {
		const key = `${lo}:${hi}`;
		let message = this.#messages.get(key);
		if (!message) {
			message = encodeUpdateMessage(this.#update(lo, hi));
			this.#messages.set(key, message);
		}
		return message;
	}

	/** Sends sender `index` the frames of all the other senders. */
	sendOthers(index: number, receiver: UpdateReceiver): void {
		let lo = 0;
		let hi = this.#groups.length;
		while (hi - lo > 1) {
			const mid = (lo + hi) >> 1;
			if (index < mid) {
				receiver.send(this.message(mid, hi));
				hi = mid;
			} else {
				receiver.send(this.message(lo, mid));
				lo = mid;
			}
		}
	}
}

/**
 * Sends a stored batch to every receiver: the updates merged (`Y.mergeUpdates`) and encoded once,
 * as one frame, for all receivers that sent none of them. A receiver that sent some gets the
 * others' updates only (never its own back): as one frame when the batch has at most
 * `MAX_MERGED_SENDERS` senders, else in ⌈log2 senders⌉ frames (`SenderTree`).
 */
export function broadcastBatch(input: {
	entries: readonly StoredEntry[];
	receivers: Iterable<UpdateReceiver>;
}): void {
	const { entries } = input;
	if (entries.length === 0) return;
	const groups = new Map<unknown, Uint8Array[]>();
	for (const entry of entries) {
		const group = groups.get(entry.origin);
		if (group) group.push(entry.update);
		else groups.set(entry.origin, [entry.update]);
	}
	const senderIndex = new Map([...groups.keys()].map((origin, index) => [origin, index]));
	const tree = groups.size > MAX_MERGED_SENDERS ? new SenderTree([...groups.values()]) : null;
	let all: Uint8Array | null = null;
	for (const receiver of input.receivers) {
		const index = senderIndex.get(receiver) ?? -1;
		if (index === -1) {
			all ??= tree
				? tree.message(0, groups.size)
				: mergedMessage(entries.map((entry) => entry.update));
			if (all) receiver.send(all);
		} else if (tree) {
			tree.sendOthers(index, receiver);
		} else {
			const others = entries.filter((entry) => entry.origin !== receiver);
			const message = mergedMessage(others.map((entry) => entry.update));
			if (message) receiver.send(message);
		}
	}
}
