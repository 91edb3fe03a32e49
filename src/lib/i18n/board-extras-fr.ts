/**
 * French messages of the board's facilitation extras: barometer, save status, locks, own templates
 * (spread into `fr.ts`; `board-extras-en.ts` has the same keys).
 */
export const boardExtrasFr = {
	barometer_toggle: 'Baromètre',
	barometer_title: 'Écarts de perception',
	barometer_intro:
		'Pour chaque critère : la note moyenne (de 1 à 5) des usagers et des agents, et l’écart entre les deux. Une note compte quand son texte commence par le chiffre.',
	barometer_no_criteria: 'Aucun critère : ajoutez un cadre par critère.',
	board_edit_refused_locked:
		'Cet objet est verrouillé par l’animation : votre modification n’a pas été enregistrée.',
	save_saved: 'Enregistré',
	save_saving: 'Enregistrement…',
	save_offline: 'Hors ligne — vos modifications seront envoyées',
	vote_my_dots_on: '{count} de vos points',
	vote_retracted: 'Point retiré.',
	vote_click_hint:
		'Cliquez sur un objet pour y poser un point, Maj+clic pour le retirer (clavier : V ou Entrée, Maj+V).',
	outline_votes: '{count} {count|point|points}'
} as const;
