import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Default size above which a new client's initial state is sent in parts, in bytes
 * (`SYNC_PART_BYTES`): each part is applied by the browser in a task of its own, so that opening
 * a large board never blocks typing for the whole decoding at once.
 */
export const SYNC_PART_BYTES = 128 * 1024;

type Struct = Y.Item | Y.GC;

/** Encodes `groups` (contiguous structs of one client each) as a v1 update without deletions. */
function encodeStructs(groups: ReadonlyArray<[number, Struct[]]>): Uint8Array {
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, groups.length);
	// Higher client ids first, like Yjs itself (it helps its conflict resolution).
	for (const [client, structs] of [...groups].sort((a, b) => b[0] - a[0])) {
		const [first] = structs;
		if (!first) continue;
		encoding.writeVarUint(encoder.restEncoder, structs.length);
		encoder.writeClient(client);
		encoding.writeVarUint(encoder.restEncoder, first.id.clock);
		for (const struct of structs) struct.write(encoder, 0);
	}
	encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
	return encoder.toUint8Array();
}

/**
 * The whole state of `doc` as updates to apply in order; one update when it is at most
 * `partBytes` long. Otherwise each part but the last holds the next share of every client's
 * structs (in clock order, so that what a struct refers to mostly arrives before it; anything
 * else waits in the receiver's pending structs), and the last holds the rest and every deletion.
 * Applied in order to an empty document, the parts give exactly `Y.encodeStateAsUpdate(doc)`.
 */
export function fullStateInParts(input: { doc: Y.Doc; partBytes: number }): Uint8Array[] {
	const full = Y.encodeStateAsUpdate(input.doc);
	if (input.partBytes <= 0 || full.length <= input.partBytes) return [full];
	const count = Math.ceil(full.length / input.partBytes);
	const clients = [...input.doc.store.clients.entries()];
	const sent = new Map<number, number>();
	const parts: Uint8Array[] = [];
	for (let part = 1; part < count; part++) {
		const groups: Array<[number, Struct[]]> = [];
		for (const [client, structs] of clients) {
			const from = Math.floor((structs.length * (part - 1)) / count);
			const to = Math.floor((structs.length * part) / count);
			const slice = structs.slice(from, to);
			const last = slice[slice.length - 1];
			if (!last) continue;
			groups.push([client, slice]);
			sent.set(client, last.id.clock + last.length);
		}
		if (groups.length > 0) parts.push(encodeStructs(groups));
	}
	parts.push(Y.encodeStateAsUpdate(input.doc, Y.encodeStateVector(sent)));
	return parts;
}
