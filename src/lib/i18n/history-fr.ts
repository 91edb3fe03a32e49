/** French messages of the deletions list of the replay (merged into `fr`). */
export const historyFr = {
	deletions_title: 'Suppressions',
	deletions_help:
		'Chaque suppression reste dans l’historique, attribuée à la catégorie de la personne qui l’a faite. Les animateurs peuvent remettre les objets sur le tableau.',
	deletions_none: 'Aucune suppression dans cet historique.',
	deletions_item: 'À {time}, {count} {count|objet supprimé|objets supprimés} par : {category}',
	deletions_restore: 'Remettre {count|cet objet|ces {count} objets} sur le tableau',
	deletions_restored: '{count} {count|objet remis|objets remis} sur le tableau.',
	deletions_restored_none: 'Ces objets sont déjà sur le tableau.',
	deletions_failed: 'La restauration a échoué : {reason}',
	event_objects_restored: 'Objets supprimés remis sur le tableau',
	board_edit_refused_limit:
		'Le tableau a atteint sa taille maximale : votre ajout n’a pas été enregistré. Supprimez des objets ou ouvrez un autre tableau.',
	board_edit_refused_too_large:
		'Ce texte est trop long : votre modification n’a pas été enregistrée. Raccourcissez-le ou partagez-le en plusieurs notes.',
	board_edit_refused_invalid:
		'Votre modification n’a pas pu être acceptée par le serveur : le tableau a été rechargé.',
	error_nothing_deleted: 'Cette modification n’a supprimé aucun objet.',
	error_restore_forbidden: 'Seuls les animateurs peuvent remettre des objets supprimés.'
} as const;
