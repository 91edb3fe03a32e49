import type { boardExtrasFr } from './board-extras-fr.ts';

/** English messages of the board's facilitation extras (same keys as `board-extras-fr.ts`). */
export const boardExtrasEn: { [K in keyof typeof boardExtrasFr]: string } = {
	barometer_toggle: 'Barometer',
	barometer_title: 'Perception gaps',
	barometer_intro:
		'For each criterion: the mean score (1 to 5) given by service users and by agents, and the gap between them. A score counts when its note starts with the digit.',
	barometer_no_criteria: 'No criterion: add one frame per criterion.',
	board_edit_refused_locked: 'This is locked by the facilitator: your change was not saved.',
	save_saved: 'Saved',
	save_saving: 'Saving…',
	save_offline: 'Offline — your changes will be sent',
	vote_my_dots_on: '{count} of your dots',
	vote_retracted: 'Dot taken back.',
	vote_click_hint:
		'Click an object to put a dot on it, Shift+click to take it back (keyboard: V or Enter, Shift+V).',
	outline_votes: '{count} {count|dot|dots}'
};
