import type PDFDocument from 'pdfkit';
import interBold from './fonts/Inter-Bold.otf?inline';
import interRegular from './fonts/Inter-Regular.otf?inline';

/**
 * The Unicode font of every PDF Croisée writes: Inter (SIL Open Font License 1.1, `fonts/OFL.txt`),
 * shipped in the repository and subset by pdfkit, so accents, œ, « », the minus sign (−), the
 * narrow no-break space of French numbers and arrows all have a glyph. Emoji have none in any
 * text font: `printable` replaces them with a readable word in brackets rather than a box.
 */

type Pdf = InstanceType<typeof PDFDocument>;

/** Names under which the fonts are registered in a document. */
export const PDF_FONT = 'Inter';
export const PDF_FONT_BOLD = 'Inter-Bold';

/** The font files' bytes, decoded once from the bundled data URLs. */
const bytes = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
const FONT_FILES = { [PDF_FONT]: bytes(interRegular), [PDF_FONT_BOLD]: bytes(interBold) };

/** Registers both fonts in `pdf` and makes the regular one current. */
export function registerFonts(pdf: Pdf): void {
	for (const [name, file] of Object.entries(FONT_FILES)) pdf.registerFont(name, file);
	pdf.font(PDF_FONT);
}

/** The current font's glyph check (pdfkit's fontkit font; not part of pdfkit's typed API). */
function glyphCheck(pdf: Pdf): (codePoint: number) => boolean {
	const font = (pdf as unknown as { _font?: { font?: { hasGlyphForCodePoint?: unknown } } })._font
		?.font;
	const has = font?.hasGlyphForCodePoint;
	if (typeof has !== 'function') return () => true;
	let known = glyphCache.get(font as object);
	if (!known) glyphCache.set(font as object, (known = new Map()));
	const cache = known;
	return (codePoint) => {
		let answer = cache.get(codePoint);
		if (answer === undefined) cache.set(codePoint, (answer = Boolean(has.call(font, codePoint))));
		return answer;
	};
}

/** Per font, whether it has a glyph for a code point (a PDF asks for the same few hundred). */
const glyphCache = new WeakMap<object, Map<number, boolean>>();

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** True when every character of `text` is drawn as is: a glyph (or a control) and no joiner. */
function drawnAsIs(text: string, has: (codePoint: number) => boolean): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.codePointAt(i) ?? 0;
		if (code > 0xffff) i++;
		if (code === 0xfe0f || code === 0x200d) return false;
		if (code >= 0x20 && !has(code)) return false;
	}
	return true;
}

/**
 * `text` as the current font of `pdf` can draw it: an emoji (with its modifiers and joiners) becomes
 * `emoji` (e.g. "[émoji]"), any other character without a glyph becomes `?`. Text the font draws
 * as is (nearly every line) is returned without being taken apart.
 */
export function printable(pdf: Pdf, text: string, emoji = '[emoji]'): string {
	const has = glyphCheck(pdf);
	if (drawnAsIs(text, has)) return text;
	let out = '';
	for (const { segment } of segmenter.segment(text)) {
		if (PICTOGRAPHIC.test(segment) && !has(segment.codePointAt(0) ?? 0)) {
			out += emoji;
			continue;
		}
		for (const char of segment) {
			const code = char.codePointAt(0) ?? 0;
			if (code === 0xfe0f || code === 0x200d) continue;
			out += code < 0x20 || has(code) ? char : '?';
		}
	}
	return out;
}
