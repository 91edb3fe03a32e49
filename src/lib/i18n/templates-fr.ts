/** French messages of facilitators' own templates (merged into `fr`). */
export const templatesFr = {
	own_template_save: 'Enregistrer comme modèle',
	own_template_dialog_title: 'Enregistrer ce tableau comme modèle',
	own_template_dialog_hint:
		'Le modèle garde les objets et leur disposition, sans les catégories de leurs auteurs ni les images. Il sera proposé dans « Nouveau tableau » de vos ateliers.',
	own_template_title: 'Nom du modèle',
	own_template_submit: 'Enregistrer le modèle',
	own_template_cancel: 'Annuler',
	own_template_saved: 'Modèle « {title} » enregistré.',
	template_group_builtin: 'Modèles Croisée',
	template_group_mine: 'Mes modèles',
	own_templates_title: 'Mes modèles',
	own_templates_intro:
		'Les tableaux que vous avez enregistrés comme modèles, pour en créer de nouveaux dans vos ateliers.',
	own_templates_empty:
		'Aucun modèle pour le moment : sur un tableau que vous animez, choisissez « Enregistrer comme modèle ».',
	own_templates_name: 'Nom du modèle « {title} »',
	own_templates_rename: 'Renommer',
	own_templates_rename_label: 'Renommer le modèle « {title} »',
	own_templates_delete: 'Supprimer',
	own_templates_delete_label: 'Supprimer le modèle « {title} »',
	own_templates_renamed: 'Modèle renommé.',
	own_templates_deleted: 'Modèle supprimé.',
	error_template_unknown: 'Ce modèle n’existe pas, ou ce n’est pas l’un des vôtres.',
	error_template_limit: 'Vous avez atteint le nombre maximal de modèles : supprimez-en un d’abord.',
	error_template_too_large: 'Ce tableau a trop d’objets pour devenir un modèle.'
} as const;
