/**
 * The workshop form's date and time as two text fields whose format never depends on the browser's
 * language ("04/12/2026" and "14:30", the French and European order, stated in the field's hint),
 * instead of a `datetime-local` control that shows "mm/dd/yyyy" to a French page in an English
 * browser. Both read and write wall-clock time in the display time zone (`TZ_DISPLAY`), never in the
 * zone of the server or browser that runs this.
 */

import { zonedFields } from '../i18n/format.ts';

const pad = (value: number) => String(value).padStart(2, '0');

/** The fields of an ISO moment in the display time zone (`day` "dd/mm/yyyy", `time` "hh:mm"). */
export function dateFieldsOf(iso: string | null): { day: string; time: string } {
	if (!iso) return { day: '', time: '' };
	const at = zonedFields(iso);
	return {
		day: `${pad(at.day)}/${pad(at.month)}/${at.year}`,
		time: `${pad(at.hour)}:${pad(at.minute)}`
	};
}

/**
 * A wall-clock `yyyy-mm-ddThh:mm` from the two fields (`fromZonedWallClock` gives its moment); null when both are empty (no date), undefined
 * when they do not hold a real day and time. Accepts "4/12/2026", "04/12/2026", "2026-12-04",
 * "14:30", "14h30", "14 h 30", "9 h"; an empty time is midnight.
 */
export function joinDateFields(day: string, time: string): string | null | undefined {
	const d = day.trim();
	const t = time.trim();
	if (!d && !t) return null;
	const european = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(d);
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(d);
	const [year, month, dayOfMonth] = european
		? [Number(european[3]), Number(european[2]), Number(european[1])]
		: iso
			? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
			: [NaN, NaN, NaN];
	const clock = /^(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?$/i.exec(t || '0:00');
	const hours = Number(clock?.[1]);
	const minutes = Number(clock?.[2] ?? 0);
	const check = new Date(year, month - 1, dayOfMonth);
	const real =
		check.getFullYear() === year &&
		check.getMonth() === month - 1 &&
		check.getDate() === dayOfMonth;
	if (!real || !clock || hours > 23 || minutes > 59) return undefined;
	return `${year}-${pad(month)}-${pad(dayOfMonth)}T${pad(hours)}:${pad(minutes)}`;
}
