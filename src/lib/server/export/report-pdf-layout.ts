import type PDFDocument from 'pdfkit';
import { toWinAnsi } from './board-pdf.ts';

/**
 * Drawing helpers of the report PDF: headings, paragraphs, tables and horizontal bar charts, all as
 * vectors and real text (selectable, searchable), flowing over A4 pages.
 */

type Pdf = InstanceType<typeof PDFDocument>;

/** Page margin in points. */
export const MARGIN = 50;
const ROW_HEIGHT = 16;
const BAR_HEIGHT = 12;
const BAR_COLOR = '#0072b2';
const TEXT_COLOR = '#1a1a1a';

/** Usable width of a page. */
function width(pdf: Pdf): number {
	return pdf.page.width - 2 * MARGIN;
}

/** Starts a new page when fewer than `needed` points are left. */
export function ensureRoom(pdf: Pdf, needed: number): void {
	if (pdf.y + needed > pdf.page.height - MARGIN) pdf.addPage();
}

/** A heading of level 1 (title) or 2 (section). */
export function heading(pdf: Pdf, text: string, level: 1 | 2): void {
	ensureRoom(pdf, 60);
	pdf.moveDown(level === 1 ? 0 : 1);
	pdf
		.font('Helvetica-Bold')
		.fontSize(level === 1 ? 18 : 14)
		.fillColor(TEXT_COLOR)
		.text(toWinAnsi(text), MARGIN, pdf.y, { width: width(pdf) });
	pdf.moveDown(0.4);
}

/** A paragraph of body text. */
export function paragraph(pdf: Pdf, text: string): void {
	ensureRoom(pdf, 30);
	pdf
		.font('Helvetica')
		.fontSize(10)
		.fillColor(TEXT_COLOR)
		.text(toWinAnsi(text), MARGIN, pdf.y, { width: width(pdf) });
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
			.font(bold ? 'Helvetica-Bold' : 'Helvetica')
			.fontSize(9)
			.fillColor(TEXT_COLOR);
		let bottom = y + ROW_HEIGHT;
		cells.forEach((cell, i) => {
			pdf.text(toWinAnsi(cell), xs[i]!, y + 3, { width: widths[i]! });
			bottom = Math.max(bottom, pdf.y + 2);
		});
		pdf
			.moveTo(MARGIN, bottom)
			.lineTo(MARGIN + width(pdf), bottom)
			.lineWidth(0.5)
			.strokeColor('#767676')
			.stroke();
		pdf.x = MARGIN;
		pdf.y = bottom;
	};
	drawRow(input.header, true);
	for (const row of input.rows) drawRow(row, false);
	pdf.moveDown(0.8);
}

/** A horizontal bar chart: one labelled bar per value, scaled to the largest. */
export function barChart(pdf: Pdf, input: { labels: string[]; values: number[] }): void {
	const max = Math.max(1, ...input.values);
	const labelWidth = width(pdf) * 0.3;
	const barSpace = width(pdf) * 0.6;
	input.labels.forEach((label, i) => {
		ensureRoom(pdf, ROW_HEIGHT * 2);
		const y = pdf.y;
		const value = input.values[i] ?? 0;
		pdf.font('Helvetica').fontSize(9).fillColor(TEXT_COLOR);
		pdf.text(toWinAnsi(label), MARGIN, y + 2, { width: labelWidth - 6, lineBreak: false });
		const barWidth = (value / max) * barSpace;
		if (barWidth > 0) {
			pdf
				.rect(MARGIN + labelWidth, y + 2, barWidth, BAR_HEIGHT)
				.fillColor(BAR_COLOR)
				.fill();
		}
		pdf
			.fillColor(TEXT_COLOR)
			.text(String(value), MARGIN + labelWidth + barWidth + 4, y + 2, { lineBreak: false });
		pdf.x = MARGIN;
		pdf.y = y + ROW_HEIGHT;
	});
	pdf.moveDown(0.8);
}
