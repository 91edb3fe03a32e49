/**
 * French messages of the publishable outputs (report, PDF, public page, programmes, replay, CSV):
 * category names for figures, CSV columns, empty states that say what to do next (merged into `fr`).
 */
export const outputsFr = {
	category_group_usager: 'Usagers',
	category_group_agent: 'Agents',
	category_group_manager: 'Encadrants',
	category_group_elu: 'Élu·es',
	category_group_other: 'Autres',
	category_group_none: 'Sans catégorie',

	csv_text: 'Texte',
	csv_type: 'Type',
	csv_frame: 'Cadre',
	csv_category: 'Catégorie',
	csv_votes: 'Votes',
	csv_created_at: 'Créé le',

	outputs_empty_votes:
		'Aucun vote pour l’instant : lancez un vote depuis le panneau Animer du tableau.',
	outputs_empty_rounds:
		'Aucun vote clos pour l’instant : ouvrez puis clôturez un vote depuis le panneau Animer.',
	outputs_empty_timeline:
		'Aucune activité enregistrée pour l’instant : ouvrez un tableau de l’atelier et invitez les participants.',
	outputs_empty_barometer:
		'Aucun baromètre croisé dans cet atelier : ajoutez un tableau « Baromètre croisé » depuis la page de l’atelier.',
	outputs_empty_feedback:
		'Aucun retour pour l’instant : partagez le lien du questionnaire de fin d’atelier aux participants.',
	outputs_empty_participants:
		'Aucun participant pour l’instant : créez un lien d’invitation depuis la page de l’atelier.',
	outputs_public_empty_votes: 'Aucun vote n’a eu lieu pendant cet atelier.',
	outputs_public_empty_rounds: 'Aucun vote n’a été clos pendant cet atelier.',
	outputs_public_empty_timeline: 'Aucune activité enregistrée.',
	outputs_public_empty_barometer: 'Cet atelier ne comportait pas de baromètre croisé.',
	outputs_public_empty_feedback: 'Aucun retour des participants n’est publié.',
	outputs_public_empty_participants: 'Aucun participant enregistré.',
	outputs_public_too_few:
		'Trop peu de participants dans chaque catégorie pour publier ces chiffres sans que personne puisse être reconnu.',

	report_contribution_kind: 'Type de contribution',
	outputs_balance_chart:
		'Équilibre des voix : part des personnes et part des contributions par catégorie',
	outputs_share_people: 'Part des personnes',
	outputs_share_contributions: 'Part des contributions',
	outputs_share_votes: 'Part des points de vote',
	outputs_axis_contributions: 'Objets créés ou modifiés',
	outputs_axis_votes: 'Gommettes posées',
	outputs_pdf_page: 'Page {page} sur {pages}',
	outputs_pdf_cover_date: 'Date',
	outputs_pdf_cover_place: 'Lieu',
	outputs_pdf_cover_facilitators: 'Animation',
	outputs_pdf_cover_participation: 'Participation par catégorie',
	outputs_pdf_boards: 'Tableaux de l’atelier',
	outputs_pdf_verbatims: 'Verbatims par catégorie',
	outputs_pdf_anonymity:
		'Règles d’anonymat : aucun nom, aucune adresse, aucun identifiant de personne ; les propos sont rattachés à une catégorie seulement.',
	outputs_anonymous: 'Anonyme',
	outputs_emoji_fallback: '[émoji]',

	join_role_grants: 'Ce lien vous donne le rôle : {role}.',
	join_role_hint_evaluator:
		'Vous pourrez relire l’atelier archivé, son historique et son bilan, sans rien modifier.',
	join_role_hint_observer: 'Vous verrez le tableau en direct, sans pouvoir le modifier.',
	join_role_hint_participant: 'Vous pourrez écrire sur le tableau, voter et donner votre avis.',
	join_submit_evaluator: 'Ouvrir l’atelier archivé',
	invites_grants: 'Donne le rôle : {role}',

	feedback_next: 'Et maintenant ?',
	feedback_back_workshop: 'Revenir à l’atelier',
	feedback_back_board: 'Revenir au tableau',
	feedback_results: 'Voir les résultats publiés',

	workshop_when_date: 'Date',
	workshop_when_time: 'Heure de début',
	workshop_when_hint: 'Format : jj/mm/aaaa et hh:mm (24 h)'
} as const;
