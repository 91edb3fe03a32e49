import PDFDocument from 'pdfkit';
import {
	boardScene,
	type Paint,
	type Primitive,
	type SceneInput
} from '../../board/export/scene.ts';
import type { EmbeddedImage } from '../../board/export/svg.ts';
import { LINE_HEIGHT } from '../../board/export/text-wrap.ts';
import { compactPageContent } from './pdf-content.ts';
import { PDF_FONT, PDF_FONT_BOLD, printable, registerFonts } from './pdf-fonts.ts';

/**
 * The board as a one-page vector PDF drawn with pdfkit from the same scene as the SVG export:
 * shapes as paths, text as real (selectable, searchable) text in the embedded Unicode font
 * (`pdf-fonts.ts`: accents, œ, « », −, arrows; an emoji reads "[emoji]" rather than a box). PNG and
 * JPEG images are embedded; other image types (GIF, WebP: pdfkit cannot) are drawn as an empty
 * placeholder box.
 */

/** Longest page side in PDF points (PDF viewers handle up to 14,400). */
const MAX_PAGE_POINTS = 5000;

type Pdf = InstanceType<typeof PDFDocument>;

function paint(pdf: Pdf, style: Paint): void {
	if (style.fill) pdf.fillColor(style.fill).fillOpacity(style.fillOpacity ?? 1);
	if (style.stroke) pdf.strokeColor(style.stroke).lineWidth(style.strokeWidth);
	if (style.fill && style.stroke) pdf.fillAndStroke();
	else if (style.fill) pdf.fill();
	else if (style.stroke) pdf.stroke();
	pdf.fillOpacity(1);
}

function drawText(pdf: Pdf, text: Extract<Primitive, { kind: 'text' }>, emoji: string): void {
	pdf.font(text.bold ? PDF_FONT_BOLD : PDF_FONT).fontSize(text.fontSize);
	pdf.fillColor(text.color);
	text.lines.forEach((raw, i) => {
		const line = printable(pdf, raw, emoji);
		if (!line) return;
		const width = text.align === 'middle' ? pdf.widthOfString(line) : 0;
		const y = text.y + i * text.fontSize * LINE_HEIGHT;
		pdf.text(line, text.x - width / 2, y, { lineBreak: false, baseline: 'alphabetic' });
	});
}

function drawImage(
	pdf: Pdf,
	image: Extract<Primitive, { kind: 'image' }>,
	images: ReadonlyMap<string, EmbeddedImage>
): void {
	const embedded = images.get(image.file);
	const drawable = embedded && ['image/png', 'image/jpeg'].includes(embedded.contentType);
	if (drawable) {
		try {
			pdf.image(Buffer.from(embedded.bytes), image.x, image.y, {
				fit: [image.w, image.h],
				align: 'center',
				valign: 'center'
			});
			return;
		} catch {
			// A corrupt upload draws as a placeholder: one bad image must not fail the export.
		}
	}
	pdf.rect(image.x, image.y, image.w, image.h);
	paint(pdf, { fill: '#eef1f5', stroke: '#c3c9d2', strokeWidth: 1 });
}

/** Draws one primitive of a board scene (`emoji`: what an emoji reads as in the text). */
export function draw(
	pdf: Pdf,
	primitive: Primitive,
	images: ReadonlyMap<string, EmbeddedImage>,
	emoji = '[emoji]'
): void {
	switch (primitive.kind) {
		case 'rect':
			pdf.roundedRect(primitive.x, primitive.y, primitive.w, primitive.h, primitive.radius);
			return paint(pdf, primitive);
		case 'ellipse':
			pdf.ellipse(primitive.cx, primitive.cy, primitive.rx, primitive.ry);
			return paint(pdf, primitive);
		case 'polygon':
			pdf.polygon(...primitive.points);
			return paint(pdf, primitive);
		case 'path':
			pdf.path(primitive.d).fillColor(primitive.fill).fill();
			return;
		case 'polyline': {
			const [first, ...rest] = primitive.points;
			if (!first) return;
			pdf.moveTo(first[0], first[1]);
			for (const [x, y] of rest) pdf.lineTo(x, y);
			pdf.lineCap('round').lineJoin('round').lineWidth(primitive.strokeWidth);
			pdf.strokeColor(primitive.stroke).stroke();
			return;
		}
		case 'text':
			return drawText(pdf, primitive, emoji);
		case 'image':
			return drawImage(pdf, primitive, images);
	}
}

/** Input of `boardToPdf`. */
export interface PdfInput extends SceneInput {
	title: string;
	images?: ReadonlyMap<string, EmbeddedImage>;
	/** What an emoji reads as in the text, in the reader's language ("[émoji]"). */
	emoji?: string;
}

/** The board (or one frame) as the bytes of a one-page PDF. */
export function boardToPdf(input: PdfInput): Promise<Uint8Array> {
	const scene = boardScene(input);
	const scale = Math.min(1, MAX_PAGE_POINTS / Math.max(scene.width, scene.height));
	const pdf = new PDFDocument({
		size: [scene.width * scale, scene.height * scale],
		margin: 0,
		info: { Title: input.title, Creator: 'Croisée' }
	});
	const chunks: Uint8Array[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
	compactPageContent(pdf);
	registerFonts(pdf);
	pdf.scale(scale).translate(-scene.x, -scene.y);
	const images = input.images ?? new Map<string, EmbeddedImage>();
	for (const primitive of scene.primitives) draw(pdf, primitive, images, input.emoji);
	pdf.end();
	return done;
}
