import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
	MESSAGE_SYNC,
	SYNC_STEP_2,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdateMessage
} from './protocol.ts';
import { SYNC_PART_BYTES, fullStateInParts } from './sync-parts.ts';

/** True when `stateVector` is empty: the client has nothing of the document (a new joiner). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return Y.decodeStateVector(stateVector).size === 0;
}

function step2Frame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/**
 * The sync messages of one document, encoded once per document state: the server's step 1 and
 * the full-state answer to a client with an empty state vector. `invalidate` must be called on
 * every document update; 50 clients joining between two changes then cost one encoding. A full
 * state above `partBytes` is sent as updates followed by a step 2 with the last part (see
 * `fullStateInParts`): the client applies each in its own task and is synced after the last.
 */
export class SyncCache {
	readonly #doc: Y.Doc;
	#step1: Uint8Array | null = null;
	#fullStep2: Uint8Array[] | null = null;
	readonly #partBytes: number;

	constructor(doc: Y.Doc, partBytes: number = SYNC_PART_BYTES) {
		this.#doc = doc;
		this.#partBytes = partBytes;
	}

	/** The document changed: forget the encoded messages. */
	invalidate(): void {
		this.#step1 = null;
		this.#fullStep2 = null;
	}

	/** Sync step 1: the document's state vector. */
	step1(): Uint8Array {
		this.#step1 ??= encodeSyncStep1(this.#doc);
		return this.#step1;
	}

	/** The messages answering step 1 of a client with `stateVector`: what it lacks, as of now. */
	step2(stateVector: Uint8Array): Uint8Array[] {
		if (!isEmptyStateVector(stateVector)) return [encodeSyncStep2(this.#doc, stateVector)];
		this.#fullStep2 ??= fullStateInParts({ doc: this.#doc, partBytes: this.#partBytes }).map(
			(part, index, parts) =>
				index === parts.length - 1 ? step2Frame(part) : encodeUpdateMessage(part)
		);
		return this.#fullStep2;
	}
}
