import { afterEach, describe, expect, it } from 'vitest';
import {
	DEFAULT_DISPLAY_TIME_ZONE,
	NARROW_NBSP,
	formatClock,
	formatDate,
	formatDateTime,
	formatNumber,
	formatPercent,
	formatTime,
	fromZonedWallClock,
	getDisplayTimeZone,
	setDisplayTimeZone,
	zonedFields
} from './format.ts';

/** 4 December 2026, 14:30 in Paris (UTC+1 in winter). */
const AT = new Date('2026-12-04T13:30:00Z');

afterEach(() => setDisplayTimeZone(DEFAULT_DISPLAY_TIME_ZONE));

describe('locale formatting', () => {
	it('writes French dates and times the French way', () => {
		expect(formatDate('fr', AT)).toBe('4 déc. 2026');
		expect(formatTime('fr', AT)).toBe(`14${NARROW_NBSP}h${NARROW_NBSP}30`);
		expect(formatDateTime('fr', AT)).toBe(`4 déc. 2026, 14${NARROW_NBSP}h${NARROW_NBSP}30`);
		expect(formatDate('fr', AT, 'long')).toBe('4 décembre 2026');
	});

	it('writes English dates and times the English way', () => {
		expect(formatDate('en', AT)).toBe('Dec 4, 2026');
		expect(formatTime('en', AT)).toMatch(/^2:30\s?PM$/);
	});

	it('writes French numbers with a decimal comma and narrow no-break spaces', () => {
		expect(formatPercent('fr', 0.125)).toBe(`12,5${NARROW_NBSP}%`);
		expect(formatNumber('fr', 12345.67)).toBe(`12${NARROW_NBSP}345,7`);
		expect(formatPercent('en', 0.125)).toBe('12.5%');
		expect(formatNumber('en', 3.25, 2)).toBe('3.25');
		expect(formatNumber('fr', -0.5)).toBe('\u22120,5');
	});
});

describe('display time zone', () => {
	it('shows Paris wall-clock time by default, whatever zone the process runs in', () => {
		expect(getDisplayTimeZone()).toBe('Europe/Paris');
		// 23:30 UTC on the 31st is already the new year in Paris.
		const newYear = new Date('2026-12-31T23:30:00Z');
		expect(formatDateTime('fr', newYear)).toBe(`1 janv. 2027, 0${NARROW_NBSP}h${NARROW_NBSP}30`);
		expect(formatTime('en', AT)).toMatch(/^2:30\sPM$/);
		expect(formatClock('fr', new Date('2026-07-01T12:00:05Z'))).toBe('14:00:05');
	});

	it('follows the configured zone for every date and time', () => {
		setDisplayTimeZone('America/Cayenne');
		expect(formatTime('fr', AT)).toBe(`10${NARROW_NBSP}h${NARROW_NBSP}30`);
		setDisplayTimeZone('UTC');
		expect(formatDateTime('fr', new Date('2026-12-31T23:30:00Z'))).toBe(
			`31 déc. 2026, 23${NARROW_NBSP}h${NARROW_NBSP}30`
		);
		expect(() => setDisplayTimeZone('Mars/Olympus')).toThrow(RangeError);
		expect(getDisplayTimeZone()).toBe('UTC');
	});

	it('reads a form’s wall-clock time in the display zone, across summer time', () => {
		expect(fromZonedWallClock('2026-12-04T14:30').toISOString()).toBe('2026-12-04T13:30:00.000Z');
		expect(fromZonedWallClock('2026-07-14T10:00').toISOString()).toBe('2026-07-14T08:00:00.000Z');
		// 02:30 does not exist on the spring-forward night: it is read as 03:30 summer time.
		expect(fromZonedWallClock('2026-03-29T02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(zonedFields('2026-07-14T08:00:00Z')).toEqual({
			year: 2026,
			month: 7,
			day: 14,
			hour: 10,
			minute: 0
		});
		setDisplayTimeZone('Pacific/Noumea');
		expect(fromZonedWallClock('2026-12-04T09:00').toISOString()).toBe('2026-12-03T22:00:00.000Z');
	});
});
