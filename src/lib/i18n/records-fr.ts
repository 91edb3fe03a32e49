/** French messages of the record's lifetime: retention, session download and import (merged into `fr`). */
export const recordsFr = {
	retention_label: 'Durée de conservation du journal détaillé (mois)',
	retention_hint:
		'Laisser vide pour tout conserver. Une fois l’atelier archivé, le journal des modifications (qui a écrit quoi, à quel moment) de plus de ce nombre de mois est supprimé. Restent : l’état des tableaux, les instantanés, les votes, les retours et les chiffres du rapport. Le rejeu commence alors au premier instantané conservé.',
	retention_purged_at: 'Journal détaillé purgé le {date}.',
	replay_purged_before:
		'L’historique antérieur au {date} a été purgé selon la durée de conservation de l’atelier : le rejeu commence à cette date.',
	record_download: 'Télécharger la séance (JSON)',
	record_download_hint:
		'Tout l’atelier en un fichier : tableaux, événements, votes, retours et chiffres. Il peut être importé plus tard.',
	import_title: 'Importer une séance',
	import_help:
		'Un fichier JSON téléchargé depuis un atelier (« Télécharger la séance »). L’import crée un nouvel atelier archivé, dont vous êtes animateur.',
	import_file: 'Fichier de séance (.json)',
	import_submit: 'Importer',
	import_busy: 'Import en cours…',
	import_failed: 'Import refusé : {reason}',
	error_record_format: 'Ce fichier n’est pas une séance Croisée dans une version connue.',
	error_file_too_large: 'Le fichier dépasse la taille maximale acceptée.',
	error_invalid_input: 'Le document ne correspond pas au format attendu.',
	error_invalid_text: 'Le texte contient des caractères qui ne peuvent pas être enregistrés.',
	error_invalid_json: 'Le fichier n’est pas du JSON valide.',
	error_json_too_deep:
		'Le fichier imbrique ses données trop profondément pour être une séance Croisée.',
	error_body_timeout: 'Le fichier arrive trop lentement : vérifiez la connexion et réessayez.'
};
