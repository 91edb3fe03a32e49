import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Protocol } from '../shared.ts';

/**
 * Message framing of the two protocols under test. y-websocket sends `[type, payload]`; Hocuspocus
 * prefixes every message with the document name, `[docName, type, payload]`, adds an auth step and
 * acknowledges each update with a `SyncStatus` message. The sync and awareness payloads are the
 * same (y-protocols).
 */

/** Top-level message types (shared by both protocols; 4 and 8 exist only in Hocuspocus). */
export const MESSAGE = {
	SYNC: 0,
	AWARENESS: 1,
	AUTH: 2,
	QUERY_AWARENESS: 3,
	SYNC_REPLY: 4,
	SYNC_STATUS: 8
} as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;

/** Sub-types of a Hocuspocus auth message (@hocuspocus/common). */
export const HOCUSPOCUS_AUTH = { TOKEN: 0, PERMISSION_DENIED: 1, AUTHENTICATED: 2 } as const;

/** The encoded update of an empty document: what a client with no local state answers. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** The state vector of an empty document: "send me everything". */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** A decoded message header: its type and a decoder positioned on the payload. */
export interface Incoming {
	type: number;
	decoder: decoding.Decoder;
}

/** Encodes and decodes message frames for one protocol and one document. */
export class Framer {
	constructor(
		readonly protocol: Protocol,
		readonly docName: string
	) {}

	/** Builds a message of `type` whose payload is written by `write`. */
	frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
		const encoder = encoding.createEncoder();
		if (this.protocol === 'hocuspocus') encoding.writeVarString(encoder, this.docName);
		encoding.writeVarUint(encoder, type);
		write(encoder);
		return encoding.toUint8Array(encoder);
	}

	/** Reads the header of a received message; Hocuspocus' `SyncReply` is read as `SYNC`. */
	parse(data: Uint8Array): Incoming {
		const decoder = decoding.createDecoder(data);
		if (this.protocol === 'hocuspocus') {
			const nameLength = decoding.readVarUint(decoder);
			decoder.pos += nameLength;
		}
		const type = decoding.readVarUint(decoder);
		return { type: type === MESSAGE.SYNC_REPLY ? MESSAGE.SYNC : type, decoder };
	}

	/** Sync step 1 with `stateVector`. */
	syncStep1(stateVector: Uint8Array): Uint8Array {
		return this.frame(MESSAGE.SYNC, (e) => {
			encoding.writeVarUint(e, SYNC.STEP1);
			encoding.writeVarUint8Array(e, stateVector);
		});
	}

	/** Sync step 2 (the answer to a step 1) carrying `update`. */
	syncStep2(update: Uint8Array): Uint8Array {
		return this.frame(MESSAGE.SYNC, (e) => {
			encoding.writeVarUint(e, SYNC.STEP2);
			encoding.writeVarUint8Array(e, update);
		});
	}

	/** A document update. */
	update(update: Uint8Array): Uint8Array {
		return this.frame(MESSAGE.SYNC, (e) => {
			encoding.writeVarUint(e, SYNC.UPDATE);
			encoding.writeVarUint8Array(e, update);
		});
	}

	/** An awareness update for one client id, as y-protocols' `encodeAwarenessUpdate` writes it. */
	awareness(input: { clientId: number; clock: number; json: string }): Uint8Array {
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, 1);
		encoding.writeVarUint(inner, input.clientId);
		encoding.writeVarUint(inner, input.clock);
		encoding.writeVarString(inner, input.json);
		const payload = encoding.toUint8Array(inner);
		return this.frame(MESSAGE.AWARENESS, (e) => encoding.writeVarUint8Array(e, payload));
	}

	/** Hocuspocus' first message: the (here empty) authentication token. */
	auth(token: string): Uint8Array {
		return this.frame(MESSAGE.AUTH, (e) => {
			encoding.writeVarUint(e, HOCUSPOCUS_AUTH.TOKEN);
			encoding.writeVarString(e, token);
		});
	}
}
