/**
 * Which of a board's stored updates (dense seqs 1, 2, 3, … given by the database) a document
 * holds: every seq up to `contiguous`, and some beyond (arrived out of order from other instances).
 */
export class SeqTracker {
	#contiguous: number;
	readonly #above = new Set<number>();

	/** Starts with every seq up to `loadedSeq` applied (what the database load replayed). */
	constructor(loadedSeq: number) {
		this.#contiguous = loadedSeq;
	}

	/** Every update up to this seq is applied. */
	get contiguous(): number {
		return this.#contiguous;
	}

	/** True when some update beyond `contiguous + 1` arrived before the ones between. */
	get hasGap(): boolean {
		return this.#above.size > 0;
	}

	/** Whether `seq` is applied. */
	has(seq: number): boolean {
		return seq <= this.#contiguous || this.#above.has(seq);
	}

	/** Records `count` applied seqs from `first`. */
	add(first: number, count = 1): void {
		for (let seq = first; seq < first + count; seq++) {
			if (seq > this.#contiguous) this.#above.add(seq);
		}
		while (this.#above.delete(this.#contiguous + 1)) this.#contiguous++;
	}
}
