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
