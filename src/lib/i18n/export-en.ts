import type { exportFr } from './export-fr.ts';

/** English messages of exports, session import, erasure and retention (same keys as `export-fr.ts`). */
export const exportEn: { [K in keyof typeof exportFr]: string } = {
	export_menu: 'Export',
	export_menu_label: 'Export the board “{title}”',
	export_svg: 'Vector image (SVG)',
	export_png: 'Image (PNG)',
	export_pdf: 'Document (PDF)',
	export_markdown: 'Board outline (Markdown)',
	export_csv: 'Objects (CSV, spreadsheet)',
	export_csv_separator: 'CSV separator',
	export_csv_semicolon: 'Semicolon (French Excel)',
	export_csv_comma: 'Comma',
	export_record_json: 'Whole session (JSON)',
	export_working: 'Preparing the export…',
	export_done: 'Export downloaded.',
	export_failed: 'The export failed. Try again.',
	export_outside_frames: 'Outside frames',
	export_untitled: 'Untitled',
	export_votes: '{count} {count|vote|votes}',
	import_title: 'Import a session',
	import_intro:
		'Recreate a workshop from a session file (JSON) exported from Croisée. You will facilitate it.',
	import_file: 'Session file (.json)',
	import_submit: 'Import',
	import_done: 'Workshop imported.',
	erase_button: 'Erase their data',
	erase_confirm:
		'Permanently erase the name and identity of {name}? Their contributions, votes and feedback stay, attributed to their category only. This cannot be undone.',
	erase_done: 'The personal data was erased.',
	retention_label: 'Keep the detailed history for (months)',
	retention_hint:
		'Once archived, the edit history is purged after this delay; the final board and the figures are kept. Empty: keep everything.',
	error_evaluator_archived_only: 'Evaluators read the workshop once it is archived.',
	error_import_invalid: 'This file is not a valid Croisée session.',
	error_import_too_large: 'This session file is too large.',
	error_erase_self: 'You cannot erase your own data here.',
	error_erase_facilitator: 'A facilitator’s data is not erased here.',
	error_person_unknown: 'This person is not part of the workshop.'
};
