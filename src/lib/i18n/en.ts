import { liveEn } from './live-en.ts';
import { exportEn } from './export-en.ts';
import { enWorkshop } from './en-workshop.ts';
import { canvasEn } from './canvas-en.ts';
import { boardExtrasEn } from './board-extras-en.ts';
import { replayEn } from './replay-en.ts';
import { historyEn } from './history-en.ts';
import { reportEn } from './report-en.ts';
import { templatesEn } from './templates-en.ts';
import { recordsEn } from './records-en.ts';
import { sharingEn } from './sharing-en.ts';
import { outputsEn } from './outputs-en.ts';
import { refusalsEn } from './refusals-en.ts';
import type { Messages } from './index.ts';

/** English messages. */
export const en: Messages = {
	...enWorkshop,
	app_name: 'Croisée',
	app_tagline: 'The collaborative whiteboard for co-constructing public policy',
	lang_switch: 'Français',
	lang_switch_label: 'Passer l’interface en français',
	error_reference: 'Error reference, to give to support: {id}',
	error_generic: 'Something went wrong.',

	skip_to_content: 'Skip to content',
	nav_main: 'Main navigation',
	nav_dashboard: 'My boards',
	nav_login: 'Sign in',
	nav_signup: 'Create an account',
	nav_signed_in_as: 'Signed in: {name}',
	sign_out: 'Sign out',
	footer_text: 'Croisée — free software (AGPL-3.0), self-hostable.',

	home_title: 'Co-construct public policy, together and live',
	home_intro:
		'Croisée brings service users, front-line agents, managers and elected officials around one whiteboard. Everyone writes ideas on sticky notes, in the room or from home, and every group’s voice stays visible.',
	home_point_join: 'Participants join with a simple link: no account, no e-mail address.',
	home_point_categories:
		'Each person says who they speak as (service user, agent, manager, elected official…): role and category are never mixed.',
	home_point_selfhost: 'Self-hostable: your data stays with your organisation.',
	home_cta_signup: 'Create a facilitator account',
	home_cta_login: 'I already have an account',
	home_participant_hint: 'Taking part in a workshop? Open the link the facilitator sent you.',

	signup_title: 'Create a facilitator account',
	signup_intro: 'An account is for creating and running workshops. Participants do not need one.',
	signup_submit: 'Create my account',
	signup_have_account: 'Already have an account?',
	login_title: 'Sign in',
	login_submit: 'Sign in',
	login_no_account: 'No account yet?',
	login_after_signup:
		'If this e-mail address was free, your account is created: sign in with it. If you already had an account, sign in with your usual password.',
	field_name: 'Name',
	field_name_hint: 'Shown to the participants of your workshops.',
	field_email: 'E-mail address',
	field_email_hint: 'Expected format: name@domain.org',
	field_password: 'Password',
	field_password_hint: 'At least 12 characters, for instance four random words.',
	field_required: 'required',
	form_errors_intro: 'The form has errors:',

	error_name_invalid: 'Enter a name (60 characters at most).',
	error_email_invalid: 'Enter a valid e-mail address, for example name@domain.org.',
	error_password_invalid:
		'The password must have at least 12 varied characters and not be a common password.',
	error_title_invalid: 'Enter a title (120 characters at most).',
	error_category_invalid: 'Choose a category.',
	error_email_taken: 'An account already uses this e-mail address. Sign in instead.',
	error_too_many_signups: 'Too many sign-ups from your network. Try again in an hour.',
	error_bad_credentials: 'Wrong e-mail address or password.',
	error_too_many_attempts: 'Too many failed attempts. Try again in {seconds} seconds.',
	error_removed: 'You were removed from this workshop.',
	error_join_code_rate:
		'Too many unknown codes from this device: wait a few minutes, then check the code shown in the room.',
	error_invite_unknown: 'This join link does not exist.',
	error_invite_revoked: 'This join link has been turned off.',
	error_invite_expired: 'This join link has expired.',
	error_workshop_archived: 'This workshop is over and archived.',
	error_board_unknown: 'This board does not exist, or you do not have access to it.',
	error_board_forbidden: 'You do not have access to this board.',
	error_not_found: 'Page not found.',

	error_page_title: 'Error {status}',
	error_help_invite: 'Ask the person running the workshop for a new link, then open it again.',
	error_help_board: 'Check the address, or ask the person running the workshop for a join link.',
	error_help_generic: 'Try again in a moment. If the problem persists, contact the facilitator.',
	error_back_home: 'Back to the home page',

	dashboard_title: 'My boards',
	dashboard_welcome: 'Hello {name}.',
	dashboard_new_title: 'New board',
	dashboard_new_field: 'Board title',
	dashboard_new_hint: 'For example: Town hall reception, 12 March workshop',
	dashboard_new_submit: 'Create the board',
	dashboard_list_title: 'Boards',
	dashboard_empty: 'You have no board yet. Create one to get started.',
	security_title: 'Account security',
	security_sign_out_everywhere_hint:
		'Left a session open on another device? Sign out of every device, this one included.',
	security_sign_out_everywhere: 'Sign out of every device',
	dashboard_created_on: 'Created on {date}',
	dashboard_open: 'Open',
	dashboard_open_board: 'Open the board “{title}”',
	dashboard_show_link: 'Join link',
	dashboard_show_link_for: 'Show the join link of “{title}”',
	dashboard_no_link: 'No live link: create a new one from the board (“Share” button).',

	role_facilitator: 'Facilitator',
	role_participant: 'Participant',
	role_observer: 'Observer',
	role_evaluator: 'Evaluator',
	category_usager: 'Service user',
	category_agent: 'Agent',
	category_manager: 'Manager',
	category_elu: 'Elected official',
	category_other: 'Other',
	category_none: 'No category',

	join_title: 'Join the workshop “{title}”',
	join_intro: 'Tell us how the other participants will see you.',
	join_name: 'Display name',
	join_name_hint: 'A first name or a pseudonym is enough.',
	join_category: 'You take part as',
	join_category_fixed: 'You take part as: {category}',
	join_submit: 'Join the board',
	join_privacy:
		'Data kept: only the display name and the category, for the workshop and its evaluation. No account, no e-mail address.',

	copy: 'Copy',
	copy_link_label: 'Join link',
	copied: 'Link copied to the clipboard.',
	copy_failed: 'Could not copy: select the link and copy it yourself.',
	loading: 'Loading…',

	board_toolbar: 'Board tools',
	board_canvas_label: 'Board “{title}”. Double-click the background to add a note.',
	board_canvas_help:
		'Move the view: wheel, Space + drag, two fingers, or arrow keys. Select: drag on the background. Zoom: Ctrl + wheel, pinch, + and − keys, 0 to reset. ? key: every shortcut.',
	board_new_note: 'New note',
	board_new_note_short: 'Note',
	board_delete_note: 'Delete',
	board_delete_note_label: 'Delete the selection',
	board_colors: 'Colour of the selection',
	board_zoom: 'Zoom',
	board_zoom_in: 'Zoom in',
	board_zoom_out: 'Zoom out',
	board_zoom_reset: 'Reset zoom ({percent} %)',
	board_read_only: 'Read only: you can follow the board but not change it.',
	board_note_label: 'Note {category}',
	board_note_text: 'Note text',
	board_note_help:
		'Enter: write. Escape: done. Arrows: move. Alt + arrows: resize. Delete: delete.',
	board_note_created: 'Note added.',
	board_note_deleted: 'Selection deleted.',
	board_empty_hint:
		'The board is empty. Add a note with the “New note” button or by double-clicking the background.',

	color_yellow: 'Yellow',
	color_pink: 'Pink',
	color_blue: 'Blue',
	color_green: 'Green',
	color_orange: 'Orange',
	color_purple: 'Purple',

	status_label: 'Connection status',
	status_connecting: 'Connecting…',
	status_connected: 'Connected',
	status_offline: 'Offline: reconnecting. Your changes will be sent when the connection is back.',
	status_unauthorized: 'Session expired: sign in again.',
	status_forbidden: 'Access to this board was refused.',

	presence_title: 'Who is here',
	presence_toggle: 'People ({count})',
	presence_you: '(you)',
	presence_empty: 'Nobody else yet.',
	presence_unavailable: 'The list of people is unavailable.',
	share_title: 'Invite participants',
	share_toggle: 'Share',
	share_intro: 'Anyone with this link can join the board with a name and a category.',
	share_revoke: 'Turn off the link',
	share_new: 'New link',
	share_revoked: 'The link is turned off. People already here stay on the board.',
	share_renewed: 'New link created: the old one no longer works.',
	share_none: 'No live link.',
	close_panel: 'Close',
	...canvasEn,
	...boardExtrasEn,
	...replayEn,
	...historyEn,
	...exportEn,
	...reportEn,
	...templatesEn,
	...recordsEn,
	...sharingEn,
	...outputsEn,
	...liveEn,
	...refusalsEn
};
