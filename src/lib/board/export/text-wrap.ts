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

/** The length of `text` in code points (what a line holds), without building an array. */
function codePointLength(text: string): number {
	let length = text.length;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
			length--;
			i++;
		}
	}
	return length;
}

/**
 * A word: a run of anything but breaking spaces. A no-break space (French "12,5 %", "« mot »")
 * never starts a new line.
 */
const WORD = /(?:\S|[\u00a0\u202f\u2007])+/g;

/**
 * Wraps one paragraph (no newline) into lines of at most `perLine` characters, pushed onto `lines`
 * until it holds more than `maxLines` (the rest is not even split into words: nobody will see it).
 */
function wrapParagraph(paragraph: string, perLine: number, lines: string[], maxLines: number) {
	let line = '';
	let lineLength = 0;
	for (const [word] of paragraph.matchAll(WORD)) {
		const wordLength = codePointLength(word);
		const pieces = wordLength > perLine ? splitWord(word, perLine) : [word];
		for (const piece of pieces) {
			const pieceLength = piece === word ? wordLength : codePointLength(piece);
			const candidateLength = line ? lineLength + 1 + pieceLength : pieceLength;
			if (candidateLength <= perLine) {
				line = line ? `${line} ${piece}` : piece;
				lineLength = candidateLength;
			} else {
				lines.push(line);
				if (lines.length > maxLines) return;
				line = piece;
				lineLength = pieceLength;
			}
		}
	}
	lines.push(line);
}

/** `line` ending with an ellipsis, within `perLine` characters. */
function withEllipsis(line: string, perLine: number): string {
	const chars = Array.from(line.trimEnd());
	return `${chars.slice(0, Math.max(0, perLine - 1)).join('')}…`;
}

/**
 * The lines `text` wraps into in a box `width` units wide at `fontSize`; hard line breaks are
 * kept, empty paragraphs give empty lines. With `maxLines`, at most that many, the last one ending
 * with "…" when text was left out (as the canvas hides what overflows a note), and the text beyond
 * is not wrapped at all: a board of long notes costs what it shows.
 */
export function wrapText(input: {
	text: string;
	width: number;
	fontSize: number;
	maxLines?: number;
}): string[] {
	const perLine = Math.max(1, Math.floor(input.width / (input.fontSize * GLYPH_WIDTH)));
	const maxLines = Math.max(1, input.maxLines ?? Number.POSITIVE_INFINITY);
	const lines: string[] = [];
	for (const paragraph of input.text.split(/\r?\n/)) {
		wrapParagraph(paragraph, perLine, lines, maxLines);
		if (lines.length > maxLines) break;
	}
	if (lines.length <= maxLines) return lines;
	lines.length = maxLines;
	lines[maxLines - 1] = withEllipsis(lines[maxLines - 1]!, perLine);
	return lines;
}

/** How many lines of `fontSize` fit in `height` units (at least one). */
export function linesThatFit(height: number, fontSize: number): number {
	return Math.max(1, Math.floor(height / (fontSize * LINE_HEIGHT)));
}
