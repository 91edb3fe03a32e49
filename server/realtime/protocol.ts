import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The y-websocket wire protocol: every message starts with a varUint message type; sync messages
 * carry a y-protocols sync sub-type and a varUint8Array payload. Encoders build whole frames.
 */

/** Top-level message type: a y-protocols sync message (step 1, step 2 or update). */
export const MESSAGE_SYNC = 0;
/** Top-level message type: an awareness update (cursors, names). */
export const MESSAGE_AWARENESS = 1;
/** Top-level message type: y-protocols auth (server to client only; ignored when received). */
export const MESSAGE_AUTH = 2;
/** Top-level message type: a request for every awareness state. */
export const MESSAGE_QUERY_AWARENESS = 3;

/** Sync sub-type: "here is my state vector, send me what I lack". */
export const SYNC_STEP_1 = 0;
/** Sync sub-type: the answer to step 1 (an update). */
export const SYNC_STEP_2 = 1;
/** Sync sub-type: an incremental update. */
export const SYNC_UPDATE = 2;

/** A message that cannot be decoded or breaks the protocol (the connection is closed with 4400). */
export class BadMessageError extends Error {
	override name = 'BadMessageError';
}

/** A decoded client message, its payload still raw. */
export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	/** `answer`: sync step 2, the client's answer to the server's step 1; else an incremental update. */
	| { type: 'update'; update: Uint8Array; answer: boolean }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'auth' };

/** Reads the envelope of one client frame; throws `BadMessageError` (or a lib0 error) when broken. */
export function readClientMessage(data: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MESSAGE_SYNC:
			return readSyncMessage(decoder);
		case MESSAGE_AWARENESS:
			return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MESSAGE_QUERY_AWARENESS:
			return { type: 'query-awareness' };
		case MESSAGE_AUTH:
			return { type: 'auth' };
		default:
			throw new BadMessageError(`unknown message type ${type}`);
	}
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage {
	const subType = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	switch (subType) {
		case SYNC_STEP_1:
			// Decoding validates it; a broken state vector must not reach encodeStateAsUpdate.
			Y.decodeStateVector(payload);
			return { type: 'sync-step-1', stateVector: payload };
		case SYNC_STEP_2:
		case SYNC_UPDATE:
			return { type: 'update', update: payload, answer: subType === SYNC_STEP_2 };
		default:
			throw new BadMessageError(`unknown sync message type ${subType}`);
	}
}

function frame(type: number, subType: number | null, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	if (subType !== null) encoding.writeVarUint(encoder, subType);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** Sync step 1 of `doc`: the server's state vector, asking the client for what it lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return frame(MESSAGE_SYNC, SYNC_STEP_1, Y.encodeStateVector(doc));
}

/** Sync step 2: everything of `doc` that a client with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return frame(MESSAGE_SYNC, SYNC_STEP_2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** An incremental document update, as broadcast to the clients of a board. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
	return frame(MESSAGE_SYNC, SYNC_UPDATE, update);
}

/** An awareness message wrapping an encoded awareness update. */
export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
	return frame(MESSAGE_AWARENESS, null, awarenessUpdate);
}
