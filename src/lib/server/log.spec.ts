import { describe, expect, it } from 'vitest';
import { serializeError } from './log.ts';

describe('serializeError', () => {
	it('keeps no query parameters and truncates long messages, causes included', () => {
		const cause = new Error('connection refused');
		const error = Object.assign(
			new Error(`Failed query: insert … params: ${'222,'.repeat(1000)}`),
			{
				query: 'insert into "board_updates" …',
				params: [new Uint8Array(2000)],
				cause
			}
		);
		const out = serializeError(error);
		expect(out).not.toHaveProperty('params');
		expect(String(out.message).length).toBeLessThanOrEqual(501);
		expect(out.query).toBe('insert into "board_updates" …');
		expect(out.cause).toMatchObject({ message: 'connection refused' });
		expect(JSON.stringify(out).length).toBeLessThan(4000);
	});

	it('describes non-errors too', () => {
		expect(serializeError('boom')).toEqual({ message: 'boom' });
	});
});
