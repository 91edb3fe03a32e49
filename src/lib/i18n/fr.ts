/** French messages (the reference catalogue: every other locale has exactly these keys). */
export const fr = {
	app_name: 'Croisée',
	app_tagline: 'Le tableau blanc collaboratif pour co-construire les politiques publiques',
	lang_switch: 'English',
	error_generic: 'Une erreur est survenue.'
} as const;
