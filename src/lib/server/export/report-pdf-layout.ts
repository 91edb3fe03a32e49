import type PDFDocument from 'pdfkit';
import { categoryColor } from '../../shared/colors.ts';
import { PDF_FONT, PDF_FONT_BOLD, printable } from './pdf-fonts.ts';

/**
 * Drawing helpers of the report PDF: headings, paragraphs, tables and bar charts, all as vectors
 * and real text (selectable, searchable) in the embedded Unicode font, flowing over A4 pages. Bars
 * take their category's colour (`shared/colors.ts`, as on the report page and the public page) and
 * always sit beside the category's name and value: colour never carries the meaning alone.
 */

type Pdf = InstanceType<typeof PDFDocument>;

/** Page margin in points. */
export const MARGIN = 50;
/** Room kept at the bottom of every page for its number. */
export const FOOTER = 30;
const ROW_HEIGHT = 16;
const BAR_HEIGHT = 11;
export const TEXT_COLOR = '#1b1f27';
const RULE_COLOR = '#767676';
const NEUTRAL_BAR = '#3d4656';

/** What an emoji reads as in this document ("[émoji]"), set once per document. */
const emojiText = new WeakMap<Pdf, string>();

/** Sets what an emoji reads as in `pdf` (in the reader's language). */
export function setEmojiText(pdf: Pdf, text: string): void {
	emojiText.set(pdf, text);
}

/** `text` as the current font draws it (emoji and missing glyphs replaced). */
export function clean(pdf: Pdf, text: string): string {
	return printable(pdf, text, emojiText.get(pdf));
}

/** Usable width of a page. */
export function width(pdf: Pdf): number {
	return pdf.page.width - 2 * MARGIN;
}

/** Starts a new page when fewer than `needed` points are left above the footer. */
export function ensureRoom(pdf: Pdf, needed: number): void {
	if (pdf.y + needed > pdf.page.height - MARGIN - FOOTER) pdf.addPage();
}

/** A heading of level 1 (title), 2 (section) or 3 (figure). */
export function heading(pdf: Pdf, text: string, level: 1 | 2 | 3): void {
	ensureRoom(pdf, level === 3 ? 90 : 120);
	if (level === 2) pdf.moveDown(1);
	if (level === 3) pdf.moveDown(0.4);
	pdf
		.font(PDF_FONT_BOLD)
		.fontSize(level === 1 ? 20 : level === 2 ? 14 : 11)
		.fillColor(TEXT_COLOR);
	pdf.text(clean(pdf, text), MARGIN, pdf.y, { width: width(pdf) });
	pdf.moveDown(0.4);
}

/** A paragraph of body text (`muted`: a smaller grey note). */
export function paragraph(pdf: Pdf, text: string, options: { muted?: boolean } = {}): void {
	ensureRoom(pdf, 30);
	pdf
		.font(PDF_FONT)
		.fontSize(options.muted ? 9 : 10)
		.fillColor(options.muted ? '#4a5262' : TEXT_COLOR);
	pdf.text(clean(pdf, text), MARGIN, pdf.y, { width: width(pdf) });
	pdf.moveDown(0.4);
}

/** A table: a header row, then rows; columns share the width (the first one twice as wide). */
export function table(pdf: Pdf, input: { header: string[]; rows: string[][] }): void {
	const columns = input.header.length;
	const unit = width(pdf) / (columns + 1);
	const xs = input.header.map((_, i) => MARGIN + (i === 0 ? 0 : unit * (i + 1)));
	const widths = input.header.map((_, i) => (i === 0 ? unit * 2 : unit) - 4);
	const drawRow = (cells: string[], bold: boolean) => {
		ensureRoom(pdf, ROW_HEIGHT * 2);
		const y = pdf.y;
		pdf
			.font(bold ? PDF_FONT_BOLD : PDF_FONT)
			.fontSize(9)
			.fillColor(TEXT_COLOR);
		let bottom = y + ROW_HEIGHT;
		cells.forEach((cell, i) => {
			pdf.text(clean(pdf, cell), xs[i]!, y + 3, {
				width: widths[i]!,
				align: i === 0 ? 'left' : 'right'
			});
			bottom = Math.max(bottom, pdf.y + 2);
		});
		pdf
			.moveTo(MARGIN, bottom)
			.lineTo(MARGIN + width(pdf), bottom)
			.lineWidth(0.5)
			.strokeColor(RULE_COLOR)
			.stroke();
		pdf.x = MARGIN;
		pdf.y = bottom;
	};
	drawRow(input.header, true);
	for (const row of input.rows) drawRow(row, false);
	pdf.moveDown(0.8);
}

/** One bar of a chart: its label, value, the value as read, and the category it stands for. */
export interface Bar {
	label: string;
	value: number;
	text: string;
	category?: string | null;
}

/**
 * A horizontal bar chart: one labelled bar per entry, scaled to `max` (default: the largest),
 * in its category's colour, the value written at its end.
 */
export function barChart(pdf: Pdf, bars: Bar[], max?: number): void {
	const top = Math.max(1e-9, max ?? Math.max(0, ...bars.map((bar) => bar.value)));
	const labelWidth = width(pdf) * 0.3;
	const barSpace = width(pdf) * 0.58;
	for (const bar of bars) {
		ensureRoom(pdf, ROW_HEIGHT * 2);
		const y = pdf.y;
		pdf.font(PDF_FONT).fontSize(9).fillColor(TEXT_COLOR);
		pdf.text(clean(pdf, bar.label), MARGIN, y + 2, {
			width: labelWidth - 6,
			height: ROW_HEIGHT,
			ellipsis: true,
			lineBreak: false
		});
		const barWidth = Math.max(0, (bar.value / top) * barSpace);
		const color = bar.category === undefined ? NEUTRAL_BAR : categoryColor(bar.category);
		if (barWidth > 0) {
			pdf
				.rect(MARGIN + labelWidth, y + 2, barWidth, BAR_HEIGHT)
				.fillColor(color)
				.fill();
		}
		pdf
			.fillColor(TEXT_COLOR)
			.text(clean(pdf, bar.text), MARGIN + labelWidth + barWidth + 4, y + 2, { lineBreak: false });
		pdf.x = MARGIN;
		pdf.y = y + ROW_HEIGHT;
	}
	pdf.moveDown(0.8);
}

/**
 * A grouped bar chart: for each group (an object voted on, a criterion), one bar per category in
 * the category's colour, with a legend naming each colour.
 */
export function groupedBarChart(
	pdf: Pdf,
	input: {
		groups: { label: string; bars: Bar[] }[];
		legend: { label: string; category: string | null }[];
		max?: number;
	}
): void {
	legend(pdf, input.legend);
	const max = input.max ?? Math.max(0, ...input.groups.flatMap((g) => g.bars.map((b) => b.value)));
	for (const group of input.groups) {
		ensureRoom(pdf, ROW_HEIGHT * (group.bars.length + 1));
		pdf.font(PDF_FONT_BOLD).fontSize(9).fillColor(TEXT_COLOR);
		pdf.text(clean(pdf, group.label), MARGIN, pdf.y, { width: width(pdf) });
		barChart(pdf, group.bars, max);
		pdf.moveDown(-0.4);
	}
	pdf.moveDown(0.8);
}

/** A legend: a colour swatch and the category's name, side by side on one line. */
export function legend(pdf: Pdf, entries: { label: string; category: string | null }[]): void {
	ensureRoom(pdf, ROW_HEIGHT * 2);
	const y = pdf.y;
	let x = MARGIN;
	pdf.font(PDF_FONT).fontSize(9);
	for (const entry of entries) {
		const text = clean(pdf, entry.label);
		const needed = 14 + pdf.widthOfString(text) + 14;
		if (x + needed > MARGIN + width(pdf)) break;
		pdf
			.rect(x, y + 2, 9, 9)
			.fillColor(categoryColor(entry.category))
			.fill();
		pdf.fillColor(TEXT_COLOR).text(text, x + 13, y + 1, { lineBreak: false });
		x += needed;
	}
	pdf.x = MARGIN;
	pdf.y = y + ROW_HEIGHT;
}

/** Writes "Page n of N" at the bottom of every page (the document must buffer its pages). */
export function numberPages(pdf: Pdf, label: (page: number, pages: number) => string): void {
	const range = pdf.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		pdf.switchToPage(i);
		const bottom = pdf.page.margins.bottom;
		pdf.page.margins.bottom = 0;
		pdf.font(PDF_FONT).fontSize(8).fillColor('#4a5262');
		pdf.text(label(i + 1, range.count), MARGIN, pdf.page.height - MARGIN, {
			width: width(pdf),
			align: 'center',
			lineBreak: false
		});
		pdf.page.margins.bottom = bottom;
	}
}
