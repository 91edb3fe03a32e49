import { NOTE_COLORS, type NoteColor } from './schema.ts';

/** Text colour of every sticky note. */
export const NOTE_TEXT_COLOR = '#1b1f27';

/** Background of each note colour: light tints, so that the text reaches a contrast ≥ 4.5:1. */
export const NOTE_BACKGROUNDS: Record<NoteColor, string> = {
	yellow: '#fff1a6',
	pink: '#ffd3df',
	blue: '#cfe3ff',
	green: '#cfeecb',
	orange: '#ffd9b0',
	purple: '#e4d8ff'
};

/** Border of each note colour (decorative: the note also has a shadow). */
export const NOTE_BORDERS: Record<NoteColor, string> = {
	yellow: '#d9b600',
	pink: '#e48aa3',
	blue: '#6f9fe0',
	green: '#72b46a',
	orange: '#e19a4f',
	purple: '#9f86e0'
};

/** True when `color` is one of the palette's names. */
export function isNoteColor(color: string): color is NoteColor {
	return (NOTE_COLORS as readonly string[]).includes(color);
}

/** The background of a note colour; an unknown name (from a newer client) falls back to yellow. */
export function noteBackground(color: string): string {
	return NOTE_BACKGROUNDS[isNoteColor(color) ? color : 'yellow'];
}

/** The border of a note colour, with the same fallback. */
export function noteBorder(color: string): string {
	return NOTE_BORDERS[isNoteColor(color) ? color : 'yellow'];
}

/** Line colour of pens and connectors: `ink` (default) or a palette name, each ≥ 3:1 on the canvas. */
export const INK_COLORS: Record<NoteColor | 'ink', string> = {
	ink: '#1b1f27',
	yellow: '#8a6d00',
	pink: '#b0355a',
	blue: '#1f5fbf',
	green: '#2f7a27',
	orange: '#a4520c',
	purple: '#6a45c2'
};

/** The line colour of a colour name (unknown names fall back to ink). */
export function inkColor(color: string): string {
	return isNoteColor(color) ? INK_COLORS[color] : INK_COLORS.ink;
}
