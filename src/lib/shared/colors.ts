/**
 * Colours that identify people on a board (cursor, selection, presence list). Each has a contrast
 * ratio of at least 4.5:1 against white, so a white label on it stays readable (WCAG AA).
 */
export const PERSON_COLORS = [
	'#b91c1c',
	'#c2410c',
	'#a16207',
	'#4d7c0f',
	'#15803d',
	'#0f766e',
	'#0369a1',
	'#1d4ed8',
	'#4338ca',
	'#7e22ce',
	'#a21caf',
	'#be185d'
] as const;

/** FNV-1a, 32 bits: a small, stable, well-spread hash of a string. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** The colour of a person, `#rrggbb`: always the same for the same user id, on every board. */
export function colorForUser(userId: string): string {
	return PERSON_COLORS[fnv1a(userId) % PERSON_COLORS.length] ?? PERSON_COLORS[0];
}

/**
 * One colour per default category, the same on the canvas, the charts, the PDF and the public page
 * (always with the category's name beside it: colour is never the only carrier). Each has a
 * contrast of at least 4.5:1 against white, so it can colour text on white or carry white text.
 * Hues from the Okabe–Ito set, darkened, told apart with the common colour-vision deficiencies.
 */
export const CATEGORY_COLORS: Readonly<Record<string, string>> = {
	usager: '#0061a3',
	agent: '#a34a00',
	manager: '#00704f',
	elu: '#9a2f78',
	other: '#5a5a5a',
	none: '#5a5a5a'
};

/** Colours of a workshop's own categories (by a hash of the name: stable in every output). */
export const EXTRA_CATEGORY_COLORS = [
	'#3d5a99',
	'#7a5b00',
	'#a12b2b',
	'#4b6a14',
	'#6a3d9a'
] as const;

/** The colour of a category (`#rrggbb`): fixed for the default ones, stable for a workshop's own. */
export function categoryColor(category: string | null): string {
	const key = category ?? 'none';
	return (
		CATEGORY_COLORS[key] ??
		EXTRA_CATEGORY_COLORS[fnv1a(key) % EXTRA_CATEGORY_COLORS.length] ??
		EXTRA_CATEGORY_COLORS[0]
	);
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1), 0 (black) to 1 (white). */
export function luminance(hex: string): number {
	const channel = (value: number) => {
		const c = value / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const n = Number.parseInt(hex.slice(1), 16);
	return (
		0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
	);
}

/** Contrast ratio of two `#rrggbb` colours (WCAG 2.1), 1 to 21. */
export function contrast(a: string, b: string): number {
	const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (high + 0.05) / (low + 0.05);
}
