/** French messages of programmes and public results pages (merged into `fr`). */
export const sharingFr = {
	nav_programmes: 'Programmes',
	programmes_title: 'Programmes',
	programmes_intro:
		'Un programme regroupe des ateliers pour comparer leurs chiffres d’une séance à l’autre : la participation des usagers progresse-t-elle ? la satisfaction s’améliore-t-elle ?',
	programmes_new_title: 'Nouveau programme',
	programme_field_title: 'Titre du programme',
	programmes_new_submit: 'Créer le programme',
	programmes_empty: 'Aucun programme pour le moment.',
	programme_reader_owner: 'Votre programme',
	programme_reader_facilitator: 'Vous animez un de ses ateliers',
	programme_reader_evaluator: 'Vous évaluez un de ses ateliers',
	programme_open: 'Ouvrir le programme',
	programme_workshops: 'Séances',
	programme_no_workshops:
		'Aucune séance dans ce programme pour le moment. Ajoutez un atelier depuis sa page.',
	programme_evaluator_hint: 'En tant qu’évaluateur, vous voyez les séances archivées seulement.',
	programme_workshop_active: 'en cours',
	programme_workshop_archived: 'archivée',
	programme_figures: 'Chiffres au fil des séances',
	programme_figures_intro:
		'Chaque graphique compare les séances dans l’ordre de leurs dates, par catégorie, sans aucun nom. Il est suivi du tableau de ses valeurs.',
	programme_workshop: 'Séance',
	programme_figures_empty:
		'Rien à comparer pour l’instant : les courbes se remplissent quand les participants prennent part aux ateliers du programme.',
	programme_feedback_empty:
		'Pas encore d’avis : proposez aux participants le lien « Donner mon avis » du tableau en fin d’atelier.',
	programme_participant_share: 'Part des participants par catégorie (%)',
	programme_contribution_share: 'Part des contributions par catégorie (%)',
	programme_voice_balance: 'Indice d’équilibre des voix par séance',
	programme_balance_series: 'Indice (0 à 1)',
	programme_feedback_mean: 'Satisfaction moyenne par catégorie (sur 5)',
	programme_active_minutes: 'Minutes actives par catégorie',
	programme_manage: 'Gérer le programme',
	programme_rename: 'Renommer',
	programme_delete: 'Supprimer le programme',
	programme_delete_hint: 'Ses ateliers restent, hors de tout programme.',
	programme_saved: 'Programme enregistré.',
	programme_link: 'Programme : {title}',
	workshop_programme_title: 'Programme',
	workshop_programme_label: 'Programme de cet atelier',
	workshop_programme_none: 'Aucun programme',
	workshop_programme_save: 'Enregistrer le programme',
	workshop_programme_hint:
		'Rangez l’atelier dans un de vos programmes pour comparer ses chiffres avec les autres séances.',
	workshop_programme_create: 'Créer un programme',
	workshop_programme_saved: 'Programme de l’atelier enregistré.',
	publication_title: 'Résultats publics',
	publication_needs_archive_hint:
		'Les résultats se publient une fois l’atelier archivé : ils sont alors définitifs.',
	publication_intro:
		'Une page publique, lisible sans compte, montre les chiffres par catégorie et les tableaux choisis. Aucun nom, aucune adresse e-mail, aucun commentaire libre n’y figure.',
	publication_boards: 'Tableaux à montrer',
	publication_publish: 'Publier les résultats',
	publication_update: 'Mettre à jour la publication',
	publication_unpublish: 'Dépublier',
	publication_link: 'Lien de la page publique',
	publication_published: 'Les résultats sont publiés.',
	publication_unpublished: 'Les résultats ne sont plus publiés : l’ancien lien ne fonctionne plus.',
	results_title: 'Résultats de l’atelier',
	results_intro:
		'Résultats publiés par l’équipe d’animation. Aucun nom n’y figure : les chiffres sont donnés par catégorie de participants.',
	results_board_alt: 'Le tableau « {title} » ; son texte est repris sous l’image.',
	results_feedback_hint:
		'Une catégorie n’apparaît que si elle compte au moins {count} participants, et sa satisfaction qu’à partir de {count} réponses, pour que personne ne puisse y être reconnu.',
	results_board_text: 'Texte du tableau',
	event_workshop_programme: 'Changement de programme',
	event_results_published: 'Publication des résultats',
	event_results_unpublished: 'Dépublication des résultats',
	error_programme_unknown: 'Ce programme n’existe pas, ou vous n’y avez pas accès.',
	error_programme_owner_only: 'Seul·e la ou le responsable du programme peut faire cela.',
	error_publication_needs_archive:
		'Archivez l’atelier avant de publier ses résultats : ils seront alors définitifs.',
	error_board_invalid: 'Choisissez des tableaux de cet atelier.',
	error_results_unknown: 'Ces résultats n’existent pas ou ne sont plus publiés.'
} as const;
