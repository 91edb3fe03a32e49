/** Failures allowed per account before lock-outs start. */
export const FREE_FAILURES_PER_ACCOUNT = 5;
/** Failures allowed per client address before lock-outs start (shared offices, NAT). */
export const FREE_FAILURES_PER_ADDRESS = 20;
/**
 * Unknown join codes allowed per client address before lock-outs start: a room of people behind
 * one address may mistype; guessing one of 31^8 short codes at that pace is hopeless.
 */
export const FREE_JOIN_CODE_MISSES_PER_ADDRESS = 50;
/** The first lock-out lasts this long; each further failure doubles it. */
export const FIRST_LOCKOUT_MS = 1_000;
/** Longest lock-out. */
export const MAX_LOCKOUT_MS = 15 * 60 * 1000;
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;
/** Window over which sign-ups are counted per client address. */
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;
/** Entries kept at most (oldest dropped first), so a flood cannot exhaust memory. */
const MAX_ENTRIES = 100_000;

interface Entry {
	failures: number;
	lastFailureAt: number;
	lockedUntil: number;
}

/**
 * Counts failed sign-ins per account and per client address, with exponential lock-outs, and
 * sign-up attempts per client address (a fixed allowance per `SIGNUP_WINDOW_MS`). In memory, per
 * process: behind several instances each keeps its own count (still bounded per instance).
 */
export class LoginThrottle {
	readonly #entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Milliseconds to wait before the next attempt for this account or address (0: go ahead). */
	retryAfterMs(input: { email: string; address: string }): number {
		const now = this.now();
		return Math.max(
			this.#waitFor(`email:${input.email}`, now),
			this.#waitFor(`ip:${input.address}`, now)
		);
	}

	/** Records a failed attempt. */
	recordFailure(input: { email: string; address: string }): void {
		const now = this.now();
		this.#fail(`email:${input.email}`, FREE_FAILURES_PER_ACCOUNT, now);
		this.#fail(`ip:${input.address}`, FREE_FAILURES_PER_ADDRESS, now);
	}

	/**
	 * Milliseconds before `address` may look up another join code (0: go ahead): guessing the
	 * room screen's short codes costs lock-outs that double after `FREE_JOIN_CODE_MISSES_PER_ADDRESS`.
	 */
	joinCodeRetryAfterMs(address: string): number {
		return this.#waitFor(`join:${address}`, this.now());
	}

	/** Records a join code that matched no link. */
	recordJoinCodeMiss(address: string): void {
		this.#fail(`join:${address}`, FREE_JOIN_CODE_MISSES_PER_ADDRESS, this.now());
	}

	/** Forgets the account's failures after a successful sign-in. */
	recordSuccess(input: { email: string }): void {
		this.#entries.delete(`email:${input.email}`);
	}

	/**
	 * Counts one sign-up attempt from `address`; returns 0 when it may go ahead, else the
	 * milliseconds until that address may try again (`perWindow` attempts per `SIGNUP_WINDOW_MS`).
	 */
	takeSignUp(input: { address: string; perWindow: number }): number {
		const now = this.now();
		const key = `signup:${input.address}`;
		const previous = this.#entries.get(key);
		const entry =
			previous && now - previous.lastFailureAt < SIGNUP_WINDOW_MS
				? previous
				: { failures: 0, lastFailureAt: now, lockedUntil: 0 };
		if (entry.failures >= input.perWindow) return entry.lastFailureAt + SIGNUP_WINDOW_MS - now;
		entry.failures += 1;
		this.#remember(key, entry);
		return 0;
	}

	#waitFor(key: string, now: number): number {
		const entry = this.#entries.get(key);
		if (!entry) return 0;
		if (now - entry.lastFailureAt > FAILURE_WINDOW_MS) {
			this.#entries.delete(key);
			return 0;
		}
		return Math.max(0, entry.lockedUntil - now);
	}

	#fail(key: string, free: number, now: number): void {
		const previous = this.#entries.get(key);
		const entry =
			previous && now - previous.lastFailureAt <= FAILURE_WINDOW_MS
				? previous
				: { failures: 0, lastFailureAt: now, lockedUntil: 0 };
		entry.failures += 1;
		entry.lastFailureAt = now;
		if (entry.failures > free) {
			const lockout = FIRST_LOCKOUT_MS * 2 ** Math.min(entry.failures - free - 1, 30);
			entry.lockedUntil = now + Math.min(lockout, MAX_LOCKOUT_MS);
		}
		this.#remember(key, entry);
	}

	/** Stores `entry` as the newest, dropping the oldest beyond `MAX_ENTRIES`. */
	#remember(key: string, entry: Entry): void {
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		if (this.#entries.size > MAX_ENTRIES) {
			const oldest = this.#entries.keys().next().value;
			if (oldest !== undefined) this.#entries.delete(oldest);
		}
	}
}
