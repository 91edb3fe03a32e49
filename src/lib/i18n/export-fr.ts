/** French messages of exports, session import, erasure and retention (merged into `fr`). */
export const exportFr = {
	export_menu: 'Exporter',
	export_menu_label: 'Exporter le tableau « {title} »',
	export_svg: 'Image vectorielle (SVG)',
	export_png: 'Image (PNG)',
	export_pdf: 'Document (PDF)',
	export_markdown: 'Plan du tableau (Markdown)',
	export_csv: 'Objets (CSV, tableur)',
	export_csv_separator: 'Séparateur du CSV',
	export_csv_semicolon: 'Point-virgule (Excel en français)',
	export_csv_comma: 'Virgule',
	export_record_json: 'Session complète (JSON)',
	export_working: 'Préparation de l’export…',
	export_done: 'Export téléchargé.',
	export_failed: 'L’export a échoué. Réessayez.',
	export_outside_frames: 'Hors cadre',
	export_untitled: 'Sans titre',
	export_votes: '{count} {count|vote|votes}',
	import_title: 'Importer une session',
	import_intro:
		'Recréez un atelier à partir d’un fichier de session (JSON) exporté depuis Croisée. Vous en serez l’animateur ou l’animatrice.',
	import_file: 'Fichier de session (.json)',
	import_submit: 'Importer',
	import_done: 'Atelier importé.',
	erase_button: 'Effacer ses données',
	erase_confirm:
		'Effacer définitivement le nom et l’identité de {name} ? Ses contributions, votes et retours resteront, attribués à sa seule catégorie. Cette action est irréversible.',
	erase_done: 'Les données personnelles ont été effacées.',
	retention_label: 'Conservation de l’historique détaillé (mois)',
	retention_hint:
		'Après archivage, l’historique des modifications est purgé au bout de ce délai ; le tableau final et les chiffres sont conservés. Vide : tout conserver.',
	error_evaluator_archived_only: 'Les évaluateurs consultent l’atelier une fois archivé.',
	error_import_invalid: 'Ce fichier n’est pas une session Croisée valide.',
	error_import_too_large: 'Ce fichier de session est trop volumineux.',
	error_erase_self: 'Vous ne pouvez pas effacer vos propres données ici.',
	error_erase_facilitator: 'Les données d’un animateur ou d’une animatrice ne s’effacent pas ici.',
	error_person_unknown: 'Cette personne ne fait pas partie de l’atelier.'
} as const;
