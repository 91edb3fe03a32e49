import { describe, expect, it } from 'vitest';
import {
	SIGNUP_WINDOW_MS,
	FIRST_LOCKOUT_MS,
	FREE_FAILURES_PER_ACCOUNT,
	FREE_FAILURES_PER_ADDRESS,
	LoginThrottle,
	MAX_LOCKOUT_MS
} from './login-throttle.ts';

function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LoginThrottle', () => {
	const who = { email: 'a@example.org', address: '10.0.0.1' };

	it('lets the first failures through, then locks the account with a doubling wait', () => {
		const time = clock();
		const throttle = new LoginThrottle(time.now);
		for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
			expect(throttle.retryAfterMs(who)).toBe(0);
			throttle.recordFailure(who);
		}
		expect(throttle.retryAfterMs(who)).toBe(0);
		throttle.recordFailure(who);
		expect(throttle.retryAfterMs(who)).toBe(FIRST_LOCKOUT_MS);
		time.advance(FIRST_LOCKOUT_MS);
		throttle.recordFailure(who);
		expect(throttle.retryAfterMs(who)).toBe(2 * FIRST_LOCKOUT_MS);
	});

	it('caps the lock-out and forgets old failures', () => {
		const time = clock();
		const throttle = new LoginThrottle(time.now);
		for (let i = 0; i < 60; i++) throttle.recordFailure(who);
		expect(throttle.retryAfterMs(who)).toBe(MAX_LOCKOUT_MS);
		time.advance(2 * 60 * 60 * 1000);
		expect(throttle.retryAfterMs(who)).toBe(0);
	});

	it('locks an address trying many accounts, without locking those accounts elsewhere', () => {
		const throttle = new LoginThrottle(clock().now);
		for (let i = 0; i <= FREE_FAILURES_PER_ADDRESS; i++) {
			throttle.recordFailure({ email: `user${i}@example.org`, address: '10.0.0.9' });
		}
		expect(
			throttle.retryAfterMs({ email: 'new@example.org', address: '10.0.0.9' })
		).toBeGreaterThan(0);
		expect(throttle.retryAfterMs({ email: 'user1@example.org', address: '10.0.0.2' })).toBe(0);
	});

	it('clears an account after a successful sign-in', () => {
		const throttle = new LoginThrottle(clock().now);
		for (let i = 0; i <= FREE_FAILURES_PER_ACCOUNT; i++) throttle.recordFailure(who);
		throttle.recordSuccess(who);
		expect(throttle.retryAfterMs({ ...who, address: '10.0.0.3' })).toBe(0);
	});

	it('allows a fixed number of sign-ups per address and hour, then says how long to wait', () => {
		const time = clock();
		const throttle = new LoginThrottle(time.now);
		const from = (address: string) => throttle.takeSignUp({ address, perWindow: 3 });
		expect([from('10.0.0.7'), from('10.0.0.7'), from('10.0.0.7')]).toEqual([0, 0, 0]);
		expect(from('10.0.0.7')).toBe(SIGNUP_WINDOW_MS);
		expect(from('10.0.0.8')).toBe(0);
		time.advance(SIGNUP_WINDOW_MS / 2);
		expect(from('10.0.0.7')).toBe(SIGNUP_WINDOW_MS / 2);
		time.advance(SIGNUP_WINDOW_MS / 2);
		expect(from('10.0.0.7')).toBe(0);
	});
});
