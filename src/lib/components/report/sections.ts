/** Sections of a workshop report, in display order (the public page shows a chosen subset). */
export const REPORT_SECTIONS = [
	'participation',
	'timeline',
	'votes',
	'barometer',
	'feedback'
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
