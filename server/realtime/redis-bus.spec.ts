import { describe, expect, it } from 'vitest';
import { decodeBoardMessage, encodeBoardMessage, type BoardMessage } from './redis-bus.ts';

describe('bus messages', () => {
	it('round-trip stored batches and awareness updates, and refuse unknown kinds', () => {
		const batch: BoardMessage = {
			kind: 'updates',
			instanceId: 'a',
			sentAt: 1_795_000_000_123.5,
			firstSeq: 42,
			updates: [new Uint8Array([1, 2]), new Uint8Array([3])]
		};
		const awareness: BoardMessage = {
			kind: 'awareness',
			instanceId: 'b',
			sentAt: 7,
			update: new Uint8Array([9])
		};
		expect(decodeBoardMessage(encodeBoardMessage(batch))).toEqual(batch);
		expect(decodeBoardMessage(encodeBoardMessage(awareness))).toEqual(awareness);
		const bad = encodeBoardMessage(awareness);
		bad[0] = 7;
		expect(() => decodeBoardMessage(bad)).toThrow(/kind 7/);
	});
});
