/**
 * Line breaking for exports (SVG, PDF): the canvas lets the browser wrap text, an export has to
 * choose its own lines. Widths are estimated from an average glyph width, like `layout.ts` does to
 * fit sticky-note text, so an export wraps where the canvas roughly does.
 */

/** Average glyph width as a share of the font size (same estimate as `layout.ts`). */
export const GLYPH_WIDTH = 0.55;
/** Line height as a share of the font size. */
export const LINE_HEIGHT = 1.3;

/** Splits one overlong word into chunks of at most `perLine` characters (code points). */
function splitWord(word: string, perLine: number): string[] {
	const chars = Array.from(word);
	const chunks: string[] = [];
	for (let i = 0; i < chars.length; i += perLine) chunks.push(chars.slice(i, i + perLine).join(''));
	return chunks;
}

/** Wraps one paragraph (no newline) into lines of at most `perLine` characters. */
function wrapParagraph(paragraph: string, perLine: number): string[] {
	const lines: string[] = [];
	let line = '';
	// Only breaking spaces separate words: a no-break space (French "12,5 %", "« mot »") never
	// starts a new line.
	for (const word of paragraph.split(/[^\S\u00a0\u202f\u2007\u2060]+/).filter(Boolean)) {
		const pieces = Array.from(word).length > perLine ? splitWord(word, perLine) : [word];
		for (const piece of pieces) {
			const candidate = line ? `${line} ${piece}` : piece;
			if (Array.from(candidate).length <= perLine) line = candidate;
			else {
				lines.push(line);
				line = piece;
			}
		}
	}
	lines.push(line);
	return lines;
}

/**
 * The lines `text` wraps into in a box `width` units wide at `fontSize`; hard line breaks are
 * kept, empty paragraphs give empty lines.
 */
export function wrapText(input: { text: string; width: number; fontSize: number }): string[] {
	const perLine = Math.max(1, Math.floor(input.width / (input.fontSize * GLYPH_WIDTH)));
	return input.text.split(/\r?\n/).flatMap((paragraph) => wrapParagraph(paragraph, perLine));
}
