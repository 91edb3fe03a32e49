import type { historyFr } from './history-fr.ts';

/** English messages of the deletions list of the replay (merged into `en`). */
export const historyEn: Record<keyof typeof historyFr, string> = {
	deletions_title: 'Deletions',
	deletions_help:
		'Every deletion stays in the history, attributed to the category of the person who made it. Facilitators can put the objects back on the board.',
	deletions_none: 'No deletion in this history.',
	deletions_item: 'At {time}, {count} object(s) deleted by: {category}',
	deletions_restore: 'Put these {count} object(s) back on the board',
	deletions_restored: '{count} object(s) back on the board.',
	deletions_restored_none: 'These objects are already on the board.',
	deletions_failed: 'The restore failed: {reason}',
	event_objects_restored: 'Deleted objects put back on the board',
	error_nothing_deleted: 'This change deleted no object.',
	error_restore_forbidden: 'Only facilitators can put deleted objects back.'
};
