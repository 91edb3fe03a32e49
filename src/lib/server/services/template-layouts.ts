import type { TemplateKey } from '../../shared/workshop-validation.ts';

/**
 * The built-in board templates: real layouts with their instructions written on the board, in
 * French (the language of the workshops they serve). Coordinates are board units.
 */

/** A frame of a template, with the notes placed inside it. */
export interface TemplateFrame {
	title: string;
	x: number;
	y: number;
	w: number;
	h: number;
	notes?: { text: string; color?: 'yellow' | 'pink' | 'blue' | 'green' | 'orange' | 'purple' }[];
}

/** A template: an instruction note at the top and frames. */
export interface TemplateLayout {
	instructions: string;
	frames: TemplateFrame[];
}

/** Frames side by side, `w` wide, starting at x = 0, y = 200. */
function columns(titles: string[], w = 420, h = 640): TemplateFrame[] {
	return titles.map((title, index) => ({ title, x: index * (w + 40), y: 200, w, h }));
}

const BAROMETER_CRITERIA = [
	'Accueil',
	'Délais',
	'Clarté de l’information',
	'Écoute',
	'Accessibilité'
];

/** The layouts by key. */
export const TEMPLATE_LAYOUTS: Record<TemplateKey, TemplateLayout> = {
	'idea-box': {
		instructions:
			'Boîte à idées — Une idée par note. Écrivez librement, sans juger les idées des autres. Regroupez ensuite les notes proches.',
		frames: [{ title: 'Nos idées', x: 0, y: 200, w: 1600, h: 900 }]
	},
	'user-journey': {
		instructions:
			'Parcours usager — Pour chaque étape : ce que vit la personne (jaune), ce qui aide (vert), ce qui bloque (rose). Usagers et agents complètent chacun de leur point de vue.',
		frames: columns([
			'1. Avant : le besoin apparaît',
			'2. S’informer',
			'3. Faire la démarche',
			'4. Attendre',
			'5. Recevoir la réponse',
			'6. Après'
		]).map((frame) => ({
			...frame,
			notes: [
				{ text: 'Ce que je vis', color: 'yellow' },
				{ text: 'Ce qui aide', color: 'green' },
				{ text: 'Ce qui bloque', color: 'pink' }
			]
		}))
	},
	'empathy-map': {
		instructions:
			'Carte d’empathie — Choisissez une personne concernée. Qu’est-ce qu’elle dit, pense, fait, ressent ? Appuyez-vous sur des situations vécues.',
		frames: [
			{ title: 'Dit', x: 0, y: 200, w: 700, h: 450 },
			{ title: 'Pense', x: 740, y: 200, w: 700, h: 450 },
			{ title: 'Fait', x: 0, y: 690, w: 700, h: 450 },
			{ title: 'Ressent', x: 740, y: 690, w: 700, h: 450 }
		]
	},
	'how-might-we': {
		instructions:
			'Sprint « Comment pourrions-nous… ? » — Partez d’un problème vécu, reformulez-le en questions « Comment pourrions-nous… ? », cherchez des idées, votez, puis esquissez un prototype.',
		frames: columns([
			'Le problème vécu',
			'Comment pourrions-nous… ?',
			'Idées',
			'Idées retenues (vote)',
			'Prototype'
		])
	},
	barometer: {
		instructions:
			'Baromètre des perceptions croisées — Pour chaque critère, chaque catégorie donne une note de 1 (très mauvais) à 5 (très bon) sur une note qui commence par le chiffre, seul ou suivi d’un tiret et d’une raison (« 4 — accueil chaleureux »). L’écart entre les notes des usagers et celles des agents se lit critère par critère.',
		frames: BAROMETER_CRITERIA.map((criterion, index) => ({
			title: criterion,
			x: 0,
			y: 200 + index * 360,
			w: 1500,
			h: 320,
			notes: [{ text: 'Note de 1 à 5, et pourquoi', color: 'blue' }]
		}))
	},
	'action-plan': {
		instructions:
			'Plan d’action — Une action par ligne : quoi, qui s’en charge, pour quand. Une action sans responsable ni date n’est pas encore une action.',
		frames: columns(['Quoi', 'Qui', 'Quand', 'Comment saurons-nous que c’est fait ?'])
	},
	retrospective: {
		instructions:
			'Rétrospective — Chacun écrit en silence, puis on lit ensemble. Parlez de l’atelier, pas des personnes.',
		frames: columns(['Ce qui a bien marché', 'Ce qui nous a manqué', 'Ce que nous changeons'])
	}
};
