import type { historyFr } from './history-fr.ts';

/** English messages of the deletions list of the replay (merged into `en`). */
export const historyEn: Record<keyof typeof historyFr, string> = {
	deletions_title: 'Deletions',
	deletions_help:
		'Every deletion stays in the history, attributed to the category of the person who made it. Facilitators can put the objects back on the board.',
	deletions_none: 'No deletion in this history.',
	deletions_item: 'At {time}, {count} {count|object|objects} deleted by: {category}',
	deletions_restore: 'Put {count|this object|these {count} objects} back on the board',
	deletions_restored: '{count} {count|object|objects} back on the board.',
	deletions_restored_none: 'These objects are already on the board.',
	deletions_failed: 'The restore failed: {reason}',
	event_objects_restored: 'Deleted objects put back on the board',
	board_edit_refused_limit:
		'The board has reached its maximum size: your addition was not saved. Delete objects or open another board.',
	board_edit_refused_too_large:
		'This text is too long: your change was not saved. Shorten it or split it into several notes.',
	board_edit_refused_invalid: 'The server could not accept your change: the board was reloaded.',
	error_nothing_deleted: 'This change deleted no object.',
	error_restore_forbidden: 'Only facilitators can put deleted objects back.'
};
