import type { recordsFr } from './records-fr.ts';

/** English messages of the record's lifetime (same keys as `records-fr.ts`). */
export const recordsEn: { [K in keyof typeof recordsFr]: string } = {
	retention_label: 'Keep the detailed change log for (months)',
	retention_hint:
		'Leave empty to keep everything. Once the workshop is archived, the change log (who wrote what, and when) older than this many months is deleted. What stays: the boards, their snapshots, votes, feedback and the report’s figures. The replay then starts at the first kept snapshot.',
	retention_purged_at: 'Detailed change log purged on {date}.',
	replay_purged_before:
		'History before {date} was purged under the workshop’s retention setting: the replay starts there.',
	record_download: 'Download session (JSON)',
	record_download_hint:
		'The whole workshop in one file: boards, events, votes, feedback and figures. It can be imported later.',
	import_title: 'Import a session',
	import_help:
		'A JSON file downloaded from a workshop (“Download session”). Importing creates a new, archived workshop that you facilitate.',
	import_file: 'Session file (.json)',
	import_submit: 'Import',
	import_busy: 'Importing…',
	import_failed: 'Import refused: {reason}',
	error_record_format: 'This file is not a Croisée session in a known version.',
	error_file_too_large: 'The file exceeds the maximum accepted size.',
	error_invalid_input: 'The document does not have the expected shape.',
	error_invalid_text: 'The text holds characters that cannot be stored.',
	error_invalid_json: 'The file is not valid JSON.',
	error_json_too_deep: 'The file nests its data too deeply to be a Croisée session.',
	error_body_timeout: 'The file arrived too slowly: check the connection and try again.'
};
