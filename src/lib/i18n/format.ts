/**
 * Dates, times, numbers and percentages in the reader's locale, through `Intl`, for every output a
 * person reads (pages, PDF, CSV). French follows the national typography: "4 déc. 2026, 14 h 30",
 * "12,5 %", thousands and the percent sign separated by a narrow no-break space (U+202F).
 */

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
		year: 'numeric'
	}).format(toDate(when));
}

/** A time of day: "14 h 30" in French, "2:30 PM" in English. */
export function formatTime(locale: string, when: When): string {
	const date = toDate(when);
	if (!locale.startsWith('fr')) {
		return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
	}
	const parts = new Intl.DateTimeFormat(locale, {
		hour: 'numeric',
		minute: '2-digit',
		hourCycle: 'h23'
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
