import { describe, expect, it } from 'vitest';
import { dateFieldsOf, joinDateFields } from './date-fields.ts';

describe('workshop date fields', () => {
	it('reads the European day order and the usual ways of writing a time', () => {
		expect(joinDateFields('04/12/2026', '14:30')).toBe('2026-12-04T14:30');
		expect(joinDateFields('4/12/2026', '14 h 30')).toBe('2026-12-04T14:30');
		expect(joinDateFields('2026-12-04', '9 h')).toBe('2026-12-04T09:00');
		expect(joinDateFields('04.12.2026', '')).toBe('2026-12-04T00:00');
	});

	it('tells an empty date from an invalid one', () => {
		expect(joinDateFields('', '')).toBeNull();
		expect(joinDateFields('31/02/2026', '10:00')).toBeUndefined();
		expect(joinDateFields('12/31/2026', '10:00')).toBeUndefined();
		expect(joinDateFields('04/12/2026', '25:00')).toBeUndefined();
		expect(joinDateFields('', '10:00')).toBeUndefined();
	});

	it('fills the fields back from a stored moment, in the display time zone', () => {
		const iso = '2026-12-04T13:30:00.000Z';
		expect(dateFieldsOf(iso)).toEqual({ day: '04/12/2026', time: '14:30' });
		expect(joinDateFields(dateFieldsOf(iso).day, dateFieldsOf(iso).time)).toBe('2026-12-04T14:30');
		expect(dateFieldsOf(null)).toEqual({ day: '', time: '' });
	});
});
