import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker.ts';

describe('SeqTracker', () => {
	it('advances over dense seqs and holds a gap until the missing seq arrives', () => {
		const tracker = new SeqTracker(10);
		expect(tracker.has(10)).toBe(true);
		tracker.add(11, 2);
		expect(tracker.contiguous).toBe(12);
		tracker.add(15, 2);
		expect(tracker.hasGap).toBe(true);
		expect(tracker.has(15)).toBe(true);
		expect(tracker.has(13)).toBe(false);
		expect(tracker.contiguous).toBe(12);
		tracker.add(13, 2);
		expect(tracker.hasGap).toBe(false);
		expect(tracker.contiguous).toBe(16);
		tracker.add(5);
		expect(tracker.contiguous).toBe(16);
	});
});
