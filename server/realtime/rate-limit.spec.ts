import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.ts';

describe('TokenBucket', () => {
	it('allows a burst of `capacity`, then refills at `perSecond`', () => {
		const bucket = new TokenBucket(3, 10, 0);
		expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
			true,
			true,
			true,
			false
		]);
		expect(bucket.take(50)).toBe(false);
		expect(bucket.take(100)).toBe(true);
		expect(bucket.take(10_000) && bucket.take(10_000) && bucket.take(10_000)).toBe(true);
		expect(bucket.take(10_000)).toBe(false);
	});
});
