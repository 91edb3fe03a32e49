import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { HistorySnapshot, HistoryUpdate } from './replay.ts';

/**
 * The board-history format: what the history API sends (`GET /api/boards/:id/history/updates`
 * and `…/snapshots/:seq`) and the replay reads, encoded and decoded here only. A message starts
 * with the format version and its kind (both lib0 varUints), then:
 *
 * - a page of the attributed update log: a varUint count, then per update varUint seq, float64
 *   time (ms since the epoch), the category (varUint 0 for none, or 1 then a varString) and
 *   varUint8Array bytes (a Yjs update). Authors are never part of it;
 * - a snapshot: varUint seq, float64 time, varUint8Array state (`Y.encodeStateAsUpdate`).
 *
 * A decoder refuses a version it does not know, another kind, truncated or trailing bytes with a
 * `HistoryFormatError`, never a half-read result. Change the layout: bump the version.
 */

/** Version written first in every history message; decoders refuse any other. */
export const HISTORY_FORMAT_VERSION = 1;

/** What a history message holds (written after the version). */
const KIND = { page: 1, snapshot: 2 } as const;
type Kind = keyof typeof KIND;

/** Bytes that are not a history message this build can read. */
export class HistoryFormatError extends Error {
	override name = 'HistoryFormatError';
}

function header(kind: Kind): encoding.Encoder {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, HISTORY_FORMAT_VERSION);
	encoding.writeVarUint(encoder, KIND[kind]);
	return encoder;
}

/** Reads `bytes` as a message of `kind` with `body`, or throws a `HistoryFormatError`. */
function decodeMessage<T>(
	bytes: Uint8Array,
	kind: Kind,
	body: (decoder: decoding.Decoder) => T
): T {
	const decoder = decoding.createDecoder(bytes);
	let result: T;
	try {
		const version = decoding.readVarUint(decoder);
		if (version !== HISTORY_FORMAT_VERSION) {
			throw new HistoryFormatError(
				`history format version ${version} is not supported (this build reads version ${HISTORY_FORMAT_VERSION})`
			);
		}
		const found = decoding.readVarUint(decoder);
		if (found !== KIND[kind]) {
			throw new HistoryFormatError(`expected a history ${kind}, found kind ${found}`);
		}
		result = body(decoder);
	} catch (error) {
		if (error instanceof HistoryFormatError) throw error;
		throw new HistoryFormatError(`truncated or malformed history ${kind}`, { cause: error });
	}
	if (decoding.hasContent(decoder)) {
		throw new HistoryFormatError(`unexpected bytes after the history ${kind}`);
	}
	return result;
}

/** Encodes one page of the update log (seq order, as stored). */
export function encodeHistoryPage(updates: readonly HistoryUpdate[]): Uint8Array {
	const encoder = header('page');
	encoding.writeVarUint(encoder, updates.length);
	for (const update of updates) {
		encoding.writeVarUint(encoder, update.seq);
		encoding.writeFloat64(encoder, update.at);
		if (update.category === null) encoding.writeVarUint(encoder, 0);
		else {
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarString(encoder, update.category);
		}
		encoding.writeVarUint8Array(encoder, update.update);
	}
	return encoding.toUint8Array(encoder);
}

/** Decodes one page of the update log; throws a `HistoryFormatError` on anything else. */
export function decodeHistoryPage(bytes: Uint8Array): HistoryUpdate[] {
	return decodeMessage(bytes, 'page', (decoder) => {
		const count = decoding.readVarUint(decoder);
		const updates: HistoryUpdate[] = [];
		for (let i = 0; i < count; i++) {
			const seq = decoding.readVarUint(decoder);
			const at = decoding.readFloat64(decoder);
			const category = decoding.readVarUint(decoder) === 0 ? null : decoding.readVarString(decoder);
			const update = decoding.readVarUint8Array(decoder);
			updates.push({ seq, at, category, update });
		}
		return updates;
	});
}

/** Encodes one stored snapshot. */
export function encodeHistorySnapshot(snapshot: HistorySnapshot): Uint8Array {
	const encoder = header('snapshot');
	encoding.writeVarUint(encoder, snapshot.seq);
	encoding.writeFloat64(encoder, snapshot.at);
	encoding.writeVarUint8Array(encoder, snapshot.state);
	return encoding.toUint8Array(encoder);
}

/** Decodes one snapshot; throws a `HistoryFormatError` on anything else. */
export function decodeHistorySnapshot(bytes: Uint8Array): HistorySnapshot {
	return decodeMessage(bytes, 'snapshot', (decoder) => ({
		seq: decoding.readVarUint(decoder),
		at: decoding.readFloat64(decoder),
		state: decoding.readVarUint8Array(decoder)
	}));
}
