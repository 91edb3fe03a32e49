import type { sharingFr } from './sharing-fr.ts';

/** English messages of programmes and public results pages (merged into `en`). */
export const sharingEn: { [K in keyof typeof sharingFr]: string } = {
	nav_programmes: 'Programmes',
	programmes_title: 'Programmes',
	programmes_intro:
		'A programme groups workshops to compare their figures from one session to the next: is the participation of service users growing? is satisfaction improving?',
	programmes_new_title: 'New programme',
	programme_field_title: 'Programme title',
	programmes_new_submit: 'Create the programme',
	programmes_empty: 'No programme yet.',
	programme_reader_owner: 'Your programme',
	programme_reader_facilitator: 'You facilitate one of its workshops',
	programme_reader_evaluator: 'You evaluate one of its workshops',
	programme_open: 'Open the programme',
	programme_workshops: 'Sessions',
	programme_no_workshops: 'No session in this programme yet. Add a workshop from its page.',
	programme_evaluator_hint: 'As an evaluator, you see archived sessions only.',
	programme_workshop_active: 'in progress',
	programme_workshop_archived: 'archived',
	programme_figures: 'Figures across sessions',
	programme_figures_intro:
		'Each chart compares the sessions in date order, by category, with no names. Its table of values follows it.',
	programme_workshop: 'Session',
	programme_figures_empty:
		'Nothing to compare yet: the lines fill in as participants take part in the programme’s workshops.',
	programme_feedback_empty:
		'No feedback yet: point participants to the board’s “Give feedback” link at the end of a workshop.',
	programme_participant_share: 'Share of participants by category (%)',
	programme_contribution_share: 'Share of contributions by category (%)',
	programme_voice_balance: 'Voice balance index by session',
	programme_balance_series: 'Index (0 to 1)',
	programme_feedback_mean: 'Mean satisfaction by category (out of 5)',
	programme_active_minutes: 'Active minutes by category',
	programme_manage: 'Manage the programme',
	programme_rename: 'Rename',
	programme_delete: 'Delete the programme',
	programme_delete_hint: 'Its workshops stay, in no programme.',
	programme_saved: 'Programme saved.',
	programme_link: 'Programme: {title}',
	workshop_programme_title: 'Programme',
	workshop_programme_label: 'Programme of this workshop',
	workshop_programme_none: 'No programme',
	workshop_programme_save: 'Save the programme',
	workshop_programme_hint:
		'Put the workshop in one of your programmes to compare its figures with the other sessions.',
	workshop_programme_create: 'Create a programme',
	workshop_programme_saved: 'Workshop programme saved.',
	publication_title: 'Public results',
	publication_needs_archive_hint:
		'Results can be published once the workshop is archived: they are final then.',
	publication_intro:
		'A public page, readable without an account, shows the figures by category and the chosen boards. No names, e-mail addresses or free-text comments appear on it.',
	publication_boards: 'Boards to show',
	publication_publish: 'Publish the results',
	publication_update: 'Update the publication',
	publication_unpublish: 'Unpublish',
	publication_link: 'Public page link',
	publication_published: 'The results are published.',
	publication_unpublished: 'The results are no longer published: the old link no longer works.',
	results_title: 'Workshop results',
	results_intro:
		'Results published by the facilitation team. No names appear: figures are given by category of participants.',
	results_board_alt: 'The board “{title}”; its text follows the picture.',
	results_feedback_hint:
		'A category appears only with at least {count} participants, and its satisfaction only from {count} answers, so that nobody can be recognised.',
	results_board_text: 'Text of the board',
	event_workshop_programme: 'Programme changed',
	event_results_published: 'Results published',
	event_results_unpublished: 'Results unpublished',
	error_programme_unknown: 'This programme does not exist, or you have no access to it.',
	error_programme_owner_only: 'Only the owner of the programme may do this.',
	error_publication_needs_archive:
		'Archive the workshop before publishing its results: they will be final then.',
	error_board_invalid: 'Choose boards of this workshop.',
	error_results_unknown: 'These results do not exist or are no longer published.'
};
