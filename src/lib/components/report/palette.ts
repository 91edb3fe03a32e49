/**
 * Series colours of the report's charts: dark enough for 3:1 contrast against white (WCAG 1.4.11
 * non-text contrast), distinct for the usual colour-vision deficiencies (Okabe–Ito, darkened).
 */
export const SERIES_COLORS = [
	'#0072b2',
	'#b35900',
	'#007a5e',
	'#a6367f',
	'#5c5c5c',
	'#8a6d00',
	'#3d5a99'
] as const;

/** The colour of series `index` (cycling through `SERIES_COLORS`). */
export function seriesColor(index: number): string {
	return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
