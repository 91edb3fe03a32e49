/**
 * Dates, times, numbers and percentages in the reader's locale, through `Intl`, for every output a
 * person reads (pages, PDF, CSV). French follows the national typography: "4 déc. 2026, 14 h 30",
 * "12,5 %", thousands and the percent sign separated by a narrow no-break space (U+202F).
 *
 * Moments are shown in one display time zone (`TZ_DISPLAY`, default Europe/Paris), whatever zone the
 * server or the reader's browser runs in: a workshop held at 14 h 30 in Lyon reads 14 h 30 on the
 * report, the PDF and the CSV even when the server's clock is in UTC.
 */

/** The display time zone when none is configured: where the workshops take place. */
export const DEFAULT_DISPLAY_TIME_ZONE = 'Europe/Paris';

let displayTimeZone = DEFAULT_DISPLAY_TIME_ZONE;

/**
 * The canonical IANA zones `Intl` lists: a cheap first check. Building a formatter loads the time
 * zone data, some 30 ms of a server's start that the first date shown pays anyway. Browsers older
 * than `Intl.supportedValuesOf` (Safari before 15.4) list none and build the formatter.
 */
let listedZones: Set<string> | null = null;

function listZones(): Set<string> {
	return new Set(
		typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
	);
}

/** Whether `zone` is an IANA time zone `Intl` knows, e.g. `Europe/Paris`, `America/Cayenne`, `UTC`. */
export function isTimeZone(zone: string): boolean {
	listedZones ??= listZones();
	if (listedZones.has(zone)) return true;
	// Aliases (`UTC`, `Europe/Kiev`) are valid but not listed.
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * Sets the time zone every date and time below is shown in (the server sets it from its config at
 * start, the browser from the root layout's data). Throws a `RangeError` for an unknown zone.
 */
export function setDisplayTimeZone(zone: string): void {
	if (!isTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
	displayTimeZone = zone;
}

/** The time zone dates and times are shown in. */
export function getDisplayTimeZone(): string {
	return displayTimeZone;
}

/** The narrow no-break space French typography puts before `%`, `:` and inside "14 h 30". */
export const NARROW_NBSP = '\u202f';

type When = string | number | Date;

const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/**
 * ICU versions differ (Node puts U+00A0 before `%`, Chromium U+202F; Node writes a hyphen for
 * negative numbers): one rule everywhere, narrow no-break spaces and the true minus sign (U+2212).
 */
const narrow = (text: string) =>
	text.replace(/[\u00a0\u202f]/g, NARROW_NBSP).replace(/-/g, '\u2212');

/** A count or measure: "1 234", "3,5" (at most `digits` decimals, 1 by default). */
export function formatNumber(locale: string, value: number, digits = 1): string {
	return narrow(new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value));
}

/** A share (0–1) as a percentage: "12,5 %" / "12.5%". */
export function formatPercent(locale: string, share: number, digits = 1): string {
	return narrow(
		new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share)
	);
}

/** A day: "4 déc. 2026" / "Dec 4, 2026" (`long`: "4 décembre 2026"). */
export function formatDate(
	locale: string,
	when: When,
	style: 'medium' | 'long' = 'medium'
): string {
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: style === 'long' ? 'long' : 'short',
		year: 'numeric',
		timeZone: displayTimeZone
	}).format(toDate(when));
}

/** A time of day: "14 h 30" in French, "2:30 PM" in English. */
export function formatTime(locale: string, when: When): string {
	const date = toDate(when);
	if (!locale.startsWith('fr')) {
		return new Intl.DateTimeFormat(locale, {
			timeStyle: 'short',
			timeZone: displayTimeZone
		}).format(date);
	}
	const parts = new Intl.DateTimeFormat(locale, {
		hour: 'numeric',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone: displayTimeZone
	}).formatToParts(date);
	const hour = parts.find((part) => part.type === 'hour')?.value ?? '';
	const minute = parts.find((part) => part.type === 'minute')?.value ?? '';
	return `${Number(hour)}${NARROW_NBSP}h${NARROW_NBSP}${minute}`;
}

/** A moment: "4 déc. 2026, 14 h 30" / "Dec 4, 2026, 2:30 PM". */
export function formatDateTime(locale: string, when: When, style: 'medium' | 'long' = 'medium') {
	return `${formatDate(locale, when, style)}, ${formatTime(locale, when)}`;
}

/** "Total : 3" in French (no-break space before the colon), "Total: 3" in English. */
export function labelled(locale: string, label: string, value: string): string {
	return locale.startsWith('fr') ? `${label}\u00a0: ${value}` : `${label}: ${value}`;
}

/** A time of day with seconds ("14:30:05"), for the replay's clock. */
export function formatClock(locale: string, when: When): string {
	return new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZone: displayTimeZone
	}).format(toDate(when));
}

/**
 * The wall-clock fields of a moment in the display time zone (month 1–12), e.g. to fill a form's
 * date and time fields.
 */
export function zonedFields(when: When): {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
} {
	const parts = new Intl.DateTimeFormat('en-US', {
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		hourCycle: 'h23',
		timeZone: displayTimeZone
	}).formatToParts(toDate(when));
	const field = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((part) => part.type === type)?.value ?? NaN);
	return {
		year: field('year'),
		month: field('month'),
		day: field('day'),
		hour: field('hour'),
		minute: field('minute')
	};
}

/**
 * The moment a wall-clock time (`yyyy-mm-ddThh:mm`) names in the display time zone: "2026-12-04T14:30"
 * is 13:30 UTC in Paris in winter. In a spring-forward gap the time is read with the offset before
 * the change (02:30 becomes 03:30).
 */
export function fromZonedWallClock(wallClock: string): Date {
	const asUtc = Date.parse(`${wallClock}:00Z`);
	if (Number.isNaN(asUtc)) throw new RangeError(`Not a wall-clock time: "${wallClock}"`);
	// Offset of the zone near that moment, then once more at the corrected moment (DST edges).
	const offsetAt = (at: number) => {
		const f = zonedFields(at);
		return (
			Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) - Math.floor(at / 60_000) * 60_000
		);
	};
	const first = asUtc - offsetAt(asUtc);
	return new Date(asUtc - offsetAt(first));
}
