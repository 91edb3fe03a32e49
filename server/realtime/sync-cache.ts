import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.ts';

/** True when `stateVector` is empty: the client has nothing of the document (a new joiner). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return Y.decodeStateVector(stateVector).size === 0;
}

/**
 * The sync messages of one document, encoded once per document state: the server's step 1 and
 * the full-state step 2 that answers a client with an empty state vector. `invalidate` must be
 * called on every document update; 50 clients joining between two changes then cost one encoding.
 */
export class SyncCache {
	readonly #doc: Y.Doc;
	#step1: Uint8Array | null = null;
	#fullStep2: Uint8Array | null = null;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
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

	/** Sync step 2 for a client with `stateVector`: what it lacks, as of now. */
	step2(stateVector: Uint8Array): Uint8Array {
		if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(this.#doc, stateVector);
		this.#fullStep2 ??= encodeSyncStep2(this.#doc, stateVector);
		return this.#fullStep2;
	}
}
