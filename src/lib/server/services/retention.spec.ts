import { describe, expect, it } from 'vitest';
import { monthsBefore } from './retention.ts';

describe('monthsBefore', () => {
	it('goes back whole calendar months in UTC, across years', () => {
		expect(monthsBefore(new Date('2026-11-26T23:00:00Z'), 1).toISOString()).toBe(
			'2026-10-26T23:00:00.000Z'
		);
		expect(monthsBefore(new Date('2026-02-15T08:30:00Z'), 14).toISOString()).toBe(
			'2024-12-15T08:30:00.000Z'
		);
	});

	it('takes the last day of a month that lacks the day, so nothing is purged early', () => {
		expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe(
			'2026-02-28T00:00:00.000Z'
		);
		expect(monthsBefore(new Date('2024-05-31T12:00:00Z'), 3).toISOString()).toBe(
			'2024-02-29T12:00:00.000Z'
		);
	});
});
