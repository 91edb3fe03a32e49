import * as decoding from 'lib0/decoding';
import type { HistoryUpdate } from './replay.ts';

/**
 * Decodes one page of `GET /api/boards/:id/history/updates` (see `historyPage` on the server):
 * a varUint count, then per update varUint seq, float64 time, varString category ('' for none)
 * and varUint8Array bytes.
 */
export function decodeHistoryPage(bytes: Uint8Array): HistoryUpdate[] {
	const decoder = decoding.createDecoder(bytes);
	const count = decoding.readVarUint(decoder);
	const updates: HistoryUpdate[] = [];
	for (let i = 0; i < count; i++) {
		const seq = decoding.readVarUint(decoder);
		const at = decoding.readFloat64(decoder);
		const category = decoding.readVarString(decoder);
		const update = decoding.readVarUint8Array(decoder);
		updates.push({ seq, at, category: category === '' ? null : category, update });
	}
	return updates;
}
