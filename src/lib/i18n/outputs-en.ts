import type { outputsFr } from './outputs-fr.ts';

/** English messages of the publishable outputs (merged into `en`). */
export const outputsEn: { [K in keyof typeof outputsFr]: string } = {
	category_group_usager: 'Service users',
	category_group_agent: 'Agents',
	category_group_manager: 'Managers',
	category_group_elu: 'Elected officials',
	category_group_other: 'Others',
	category_group_none: 'No category',

	csv_text: 'Text',
	csv_type: 'Type',
	csv_frame: 'Frame',
	csv_category: 'Category',
	csv_votes: 'Votes',
	csv_created_at: 'Created on',

	outputs_empty_votes: 'No votes yet: start a vote from the board’s Facilitate panel.',
	outputs_empty_rounds:
		'No closed vote yet: open then close a vote from the board’s Facilitate panel.',
	outputs_empty_timeline:
		'No activity recorded yet: open one of the workshop’s boards and invite the participants.',
	outputs_empty_barometer:
		'No cross-perception barometer in this workshop: add a “Cross barometer” board from the workshop page.',
	outputs_empty_feedback:
		'No feedback yet: share the end-of-workshop questionnaire link with the participants.',
	outputs_empty_participants:
		'No participants yet: create an invitation link from the workshop page.',
	outputs_public_empty_votes: 'No vote took place during this workshop.',
	outputs_public_empty_rounds: 'No vote was closed during this workshop.',
	outputs_public_empty_timeline: 'No activity was recorded.',
	outputs_public_empty_barometer: 'This workshop had no cross-perception barometer.',
	outputs_public_empty_feedback: 'No participant feedback is published.',
	outputs_public_empty_participants: 'No participant was recorded.',
	outputs_public_too_few:
		'Too few participants in each category to publish these figures without anyone being recognisable.',

	report_contribution_kind: 'Kind of contribution',
	outputs_balance_chart: 'Voice balance: share of people and share of contributions by category',
	outputs_share_people: 'Share of people',
	outputs_share_contributions: 'Share of contributions',
	outputs_share_votes: 'Share of vote dots',
	outputs_axis_contributions: 'Objects created or edited',
	outputs_axis_votes: 'Dots cast',
	outputs_pdf_page: 'Page {page} of {pages}',
	outputs_pdf_cover_date: 'Date',
	outputs_pdf_cover_place: 'Place',
	outputs_pdf_cover_facilitators: 'Facilitated by',
	outputs_pdf_cover_participation: 'Participation by category',
	outputs_pdf_boards: 'The workshop’s boards',
	outputs_pdf_verbatims: 'Verbatims by category',
	outputs_pdf_anonymity:
		'Anonymity rules: no names, addresses or person identifiers; what was said is attributed to a category only.',
	outputs_anonymous: 'Anonymous',
	outputs_emoji_fallback: '[emoji]',

	join_role_grants: 'This link gives you the role: {role}.',
	join_role_hint_evaluator:
		'You will read the archived workshop, its history and its report, without changing anything.',
	join_role_hint_observer: 'You will see the live board without being able to change it.',
	join_role_hint_participant: 'You will write on the board, vote and give your feedback.',
	join_submit_evaluator: 'Open the archived workshop',
	invites_grants: 'Grants the role: {role}',

	feedback_next: 'What next?',
	feedback_back_workshop: 'Back to the workshop',
	feedback_back_board: 'Back to the board',
	feedback_results: 'See the published results',

	workshop_when_date: 'Date',
	workshop_when_time: 'Start time',
	workshop_when_hint: 'Format: dd/mm/yyyy and hh:mm (24-hour clock)'
};
