/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `perSecond` tokens per
 * second. Each message takes one token; an empty bucket means "over the rate".
 */
export class TokenBucket {
	#tokens: number;
	#updatedAt: number;

	constructor(
		readonly capacity: number,
		readonly perSecond: number,
		now: number = performance.now()
	) {
		this.#tokens = capacity;
		this.#updatedAt = now;
	}

	/** Takes one token; false when none is left. `now` is in milliseconds (monotonic clock). */
	take(now: number = performance.now()): boolean {
		const elapsedMs = Math.max(0, now - this.#updatedAt);
		this.#tokens = Math.min(this.capacity, this.#tokens + (elapsedMs * this.perSecond) / 1000);
		this.#updatedAt = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
