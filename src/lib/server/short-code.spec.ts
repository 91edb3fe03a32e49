import { describe, expect, it } from 'vitest';
import {
	formatShortCode,
	newShortCode,
	normalizeShortCode,
	SHORT_CODE_ALPHABET,
	SHORT_CODE_LENGTH
} from './ids.ts';
import { FREE_JOIN_CODE_MISSES_PER_ADDRESS, LoginThrottle } from './login-throttle.ts';

describe('short join codes', () => {
	it('are 8 characters without look-alikes, spread over the whole alphabet', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 500; i++) {
			const code = newShortCode();
			expect(code).toHaveLength(SHORT_CODE_LENGTH);
			for (const char of code) seen.add(char);
		}
		expect([...seen].sort().join('')).toBe([...SHORT_CODE_ALPHABET].sort().join(''));
		for (const lookalike of ['0', 'o', '1', 'i', 'l']) expect(seen.has(lookalike)).toBe(false);
	});

	it('read as typed: case, spaces and the hyphen do not matter; anything else is not a short code', () => {
		const code = newShortCode();
		expect(normalizeShortCode(formatShortCode(code))).toBe(code);
		expect(normalizeShortCode(` ${code.slice(0, 4).toUpperCase()} ${code.slice(4)} `)).toBe(code);
		expect(normalizeShortCode(`${code}x`)).toBeNull();
		expect(normalizeShortCode('abcd-efg0')).toBeNull();
		expect(normalizeShortCode('hGl9VJxyDPa2iyMLnOTWLmI6')).toBeNull();
	});

	it('lock out an address after too many unknown codes, with waits that grow', () => {
		let now = 0;
		const throttle = new LoginThrottle(() => now);
		for (let i = 0; i < FREE_JOIN_CODE_MISSES_PER_ADDRESS; i++) {
			expect(throttle.joinCodeRetryAfterMs('10.0.0.1')).toBe(0);
			throttle.recordJoinCodeMiss('10.0.0.1');
		}
		expect(throttle.joinCodeRetryAfterMs('10.0.0.1')).toBe(0);
		throttle.recordJoinCodeMiss('10.0.0.1');
		const first = throttle.joinCodeRetryAfterMs('10.0.0.1');
		expect(first).toBeGreaterThan(0);
		throttle.recordJoinCodeMiss('10.0.0.1');
		expect(throttle.joinCodeRetryAfterMs('10.0.0.1')).toBeGreaterThan(first);
		// Another address is not affected.
		expect(throttle.joinCodeRetryAfterMs('10.0.0.2')).toBe(0);
		now += 60 * 60 * 1000 + 1;
		expect(throttle.joinCodeRetryAfterMs('10.0.0.1')).toBe(0);
	});
});
