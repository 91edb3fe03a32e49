import { liveFr } from './live-fr.ts';
import { exportFr } from './export-fr.ts';
import { frWorkshop } from './fr-workshop.ts';

import { canvasFr } from './canvas-fr.ts';
import { boardExtrasFr } from './board-extras-fr.ts';
import { replayFr } from './replay-fr.ts';
import { historyFr } from './history-fr.ts';
import { reportFr } from './report-fr.ts';
import { templatesFr } from './templates-fr.ts';
import { recordsFr } from './records-fr.ts';
import { sharingFr } from './sharing-fr.ts';
import { outputsFr } from './outputs-fr.ts';
import { refusalsFr } from './refusals-fr.ts';

/** French messages (the reference catalogue: every other locale has exactly these keys). */
export const fr = {
	...frWorkshop,
	app_name: 'Croisée',
	app_tagline: 'Le tableau blanc collaboratif pour co-construire les politiques publiques',
	lang_switch: 'English',
	lang_switch_label: 'Switch the interface to English',
	error_reference: 'Référence de l’erreur, à communiquer au support : {id}',
	error_generic: 'Une erreur est survenue.',

	skip_to_content: 'Aller au contenu',
	nav_main: 'Navigation principale',
	nav_dashboard: 'Mes tableaux',
	nav_login: 'Se connecter',
	nav_signup: 'Créer un compte',
	nav_signed_in_as: 'Connecté·e : {name}',
	sign_out: 'Se déconnecter',
	footer_text: 'Croisée — logiciel libre (AGPL-3.0), auto-hébergeable.',

	home_title: 'Co-construire les politiques publiques, ensemble et en direct',
	home_intro:
		'Croisée réunit usagers, agents, encadrants et élus autour d’un même tableau blanc. Chacun écrit ses idées sur des notes, en atelier ou à distance, et la parole de chaque catégorie reste visible.',
	home_point_join:
		'Les participants rejoignent par un simple lien : pas de compte, pas d’adresse e-mail.',
	home_point_categories:
		'Chaque personne indique à quel titre elle parle (usager, agent, encadrant, élu…) : le rôle et la catégorie ne sont jamais confondus.',
	home_point_selfhost: 'Auto-hébergeable : vos données restent chez votre collectivité.',
	home_cta_signup: 'Créer un compte animateur',
	home_cta_login: 'J’ai déjà un compte',
	home_participant_hint:
		'Vous participez à un atelier ? Ouvrez le lien que l’animateur vous a transmis.',

	signup_title: 'Créer un compte animateur',
	signup_intro:
		'Le compte sert à créer et animer des ateliers. Les participants n’en ont pas besoin.',
	signup_submit: 'Créer mon compte',
	signup_have_account: 'Vous avez déjà un compte ?',
	login_title: 'Se connecter',
	login_submit: 'Se connecter',
	login_no_account: 'Pas encore de compte ?',
	login_after_signup:
		'Si cette adresse e-mail était libre, votre compte est créé : connectez-vous avec elle. Si vous aviez déjà un compte, connectez-vous avec votre mot de passe habituel.',
	field_name: 'Nom',
	field_name_hint: 'Affiché aux participants de vos ateliers.',
	field_email: 'Adresse e-mail',
	field_email_hint: 'Format attendu : nom@domaine.fr',
	field_password: 'Mot de passe',
	field_password_hint: '12 caractères au minimum, par exemple quatre mots au hasard.',
	field_required: 'obligatoire',
	form_errors_intro: 'Le formulaire contient des erreurs :',

	error_name_invalid: 'Indiquez un nom (60 caractères au plus).',
	error_email_invalid: 'Indiquez une adresse e-mail valide, par exemple nom@domaine.fr.',
	error_password_invalid:
		'Le mot de passe doit contenir au moins 12 caractères variés et ne pas être un mot de passe courant.',
	error_title_invalid: 'Indiquez un titre (120 caractères au plus).',
	error_category_invalid: 'Choisissez une catégorie.',
	error_email_taken: 'Un compte utilise déjà cette adresse e-mail. Connectez-vous plutôt.',
	error_too_many_signups: 'Trop d’inscriptions depuis votre réseau. Réessayez dans une heure.',
	error_bad_credentials: 'Adresse e-mail ou mot de passe incorrect.',
	error_too_many_attempts: 'Trop de tentatives infructueuses. Réessayez dans {seconds} secondes.',
	error_removed: 'Vous avez été retiré·e de cet atelier.',
	error_join_code_rate:
		'Trop de codes inconnus depuis cet appareil : patientez quelques minutes, puis vérifiez le code affiché en salle.',
	error_invite_unknown: 'Ce lien d’invitation n’existe pas.',
	error_invite_revoked: 'Ce lien d’invitation a été désactivé.',
	error_invite_expired: 'Ce lien d’invitation a expiré.',
	error_workshop_archived: 'Cet atelier est terminé et archivé.',
	error_board_unknown: 'Ce tableau n’existe pas, ou vous n’y avez pas accès.',
	error_board_forbidden: 'Vous n’avez pas accès à ce tableau.',
	error_not_found: 'Page introuvable.',

	error_page_title: 'Erreur {status}',
	error_help_invite:
		'Demandez un nouveau lien à la personne qui anime l’atelier, puis ouvrez-le à nouveau.',
	error_help_board:
		'Vérifiez l’adresse, ou demandez un lien d’invitation à la personne qui anime l’atelier.',
	error_help_generic: 'Réessayez dans un instant. Si le problème persiste, contactez l’animateur.',
	error_back_home: 'Retour à l’accueil',

	dashboard_title: 'Mes tableaux',
	dashboard_welcome: 'Bonjour {name}.',
	dashboard_new_title: 'Nouveau tableau',
	dashboard_new_field: 'Titre du tableau',
	dashboard_new_hint: 'Par exemple : Accueil en mairie, atelier du 12 mars',
	dashboard_new_submit: 'Créer le tableau',
	dashboard_list_title: 'Tableaux',
	dashboard_empty: 'Vous n’avez encore aucun tableau. Créez-en un pour commencer.',
	security_title: 'Sécurité du compte',
	security_sign_out_everywhere_hint:
		'Vous avez laissé une session ouverte sur un autre appareil ? Déconnectez-vous de tous vos appareils, y compris celui-ci.',
	security_sign_out_everywhere: 'Se déconnecter de tous les appareils',
	dashboard_created_on: 'Créé le {date}',
	dashboard_open: 'Ouvrir',
	dashboard_open_board: 'Ouvrir le tableau « {title} »',
	dashboard_show_link: 'Lien d’invitation',
	dashboard_show_link_for: 'Afficher le lien d’invitation de « {title} »',
	dashboard_no_link:
		'Aucun lien actif : créez-en un nouveau depuis le tableau (bouton « Partager »).',

	role_facilitator: 'Animateur·rice',
	role_participant: 'Participant·e',
	role_observer: 'Observateur·rice',
	role_evaluator: 'Évaluateur·rice',
	category_usager: 'Usager',
	category_agent: 'Agent',
	category_manager: 'Encadrant',
	category_elu: 'Élu·e',
	category_other: 'Autre',
	category_none: 'Sans catégorie',

	join_title: 'Rejoindre l’atelier « {title} »',
	join_intro: 'Indiquez comment vous apparaîtrez aux autres participants.',
	join_name: 'Nom affiché',
	join_name_hint: 'Un prénom ou un pseudonyme suffit.',
	join_category: 'Vous participez en tant que',
	join_category_fixed: 'Vous participez en tant que : {category}',
	join_submit: 'Rejoindre le tableau',
	join_privacy:
		'Données conservées : uniquement le nom affiché et la catégorie, pour la durée de l’atelier et de son évaluation. Aucun compte, aucune adresse e-mail.',

	copy: 'Copier',
	copy_link_label: 'Lien d’invitation',
	copied: 'Lien copié dans le presse-papiers.',
	copy_failed: 'Copie impossible : sélectionnez le lien et copiez-le vous-même.',
	loading: 'Chargement…',

	board_toolbar: 'Outils du tableau',
	board_canvas_label: 'Tableau « {title} ». Double-cliquez sur le fond pour ajouter une note.',
	board_canvas_help:
		'Déplacer la vue : molette, Espace + glisser, deux doigts, ou flèches. Sélectionner : glisser sur le fond. Zoom : Ctrl + molette, pincer, touches + et −, 0 pour réinitialiser. Touche ? : tous les raccourcis.',
	board_new_note: 'Nouvelle note',
	board_new_note_short: 'Note',
	board_delete_note: 'Supprimer',
	board_delete_note_label: 'Supprimer la sélection',
	board_colors: 'Couleur de la sélection',
	board_zoom: 'Zoom',
	board_zoom_in: 'Zoom avant',
	board_zoom_out: 'Zoom arrière',
	board_zoom_reset: 'Réinitialiser le zoom ({percent} %)',
	board_read_only: 'Lecture seule : vous pouvez suivre le tableau sans le modifier.',
	board_note_label: 'Note {category}',
	board_note_text: 'Texte de la note',
	board_note_help:
		'Entrée : écrire. Échap : terminer. Flèches : déplacer. Alt + flèches : redimensionner. Suppr : supprimer.',
	board_note_created: 'Note ajoutée.',
	board_note_deleted: 'Sélection supprimée.',
	board_empty_hint:
		'Le tableau est vide. Ajoutez une note avec le bouton « Nouvelle note » ou en double-cliquant sur le fond.',

	color_yellow: 'Jaune',
	color_pink: 'Rose',
	color_blue: 'Bleu',
	color_green: 'Vert',
	color_orange: 'Orange',
	color_purple: 'Violet',

	status_label: 'État de la connexion',
	status_connecting: 'Connexion…',
	status_connected: 'Connecté',
	status_offline: 'Hors ligne : reconnexion en cours. Vos modifications seront envoyées au retour.',
	status_unauthorized: 'Session expirée : reconnectez-vous.',
	status_forbidden: 'Accès refusé à ce tableau.',

	presence_title: 'Qui est là',
	presence_toggle: 'Participants ({count})',
	presence_you: '(vous)',
	presence_empty: 'Personne d’autre pour le moment.',
	presence_unavailable: 'Liste des participants indisponible.',
	share_title: 'Inviter des participants',
	share_toggle: 'Partager',
	share_intro:
		'Toute personne qui a ce lien peut rejoindre le tableau avec un nom et une catégorie.',
	share_revoke: 'Désactiver le lien',
	share_new: 'Nouveau lien',
	share_revoked: 'Le lien est désactivé. Les personnes déjà présentes restent sur le tableau.',
	share_renewed: 'Nouveau lien créé : l’ancien ne fonctionne plus.',
	share_none: 'Aucun lien actif.',
	close_panel: 'Fermer',
	...canvasFr,
	...boardExtrasFr,
	...replayFr,
	...historyFr,
	...exportFr,
	...reportFr,
	...templatesFr,
	...recordsFr,
	...sharingFr,
	...outputsFr,
	...liveFr,
	...refusalsFr
} as const;
