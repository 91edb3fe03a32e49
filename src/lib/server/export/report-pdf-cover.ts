import type PDFDocument from 'pdfkit';
import type * as Y from 'yjs';
import { boardScene } from '../../board/export/scene.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';
import { categoryLabel, type Translate } from '../../i18n/index.ts';
import { categoryGroupLabel } from '../../i18n/labels.ts';
import type { WorkshopFigures } from '../../shared/figures.ts';
import { draw } from './board-pdf.ts';
import { PDF_FONT, PDF_FONT_BOLD } from './pdf-fonts.ts';
import {
	FOOTER,
	MARGIN,
	TEXT_COLOR,
	barChart,
	clean,
	heading,
	paragraph,
	width
} from './report-pdf-layout.ts';

/**
 * The report PDF's cover (workshop, date, place, facilitators, participation by category, anonymity rules)
 * and its pages of boards, each drawn as a vector image from the same scene as the board exports.
 */

type Pdf = InstanceType<typeof PDFDocument>;

/** A board shown in the report: its title and its document as stored. */
export interface ReportBoard {
	title: string;
	doc: Y.Doc;
}

/** The cover page: title, facts, participation by category, anonymity rules. */
export function cover(
	pdf: Pdf,
	input: { figures: WorkshopFigures; t: Translate; locale: string; facilitators: string[] }
): void {
	const { figures, t, locale } = input;
	pdf.font(PDF_FONT_BOLD).fontSize(11).fillColor('#4a5262');
	pdf.text(clean(pdf, t('report_title')), MARGIN, MARGIN + 40, { width: width(pdf) });
	pdf.moveDown(0.5);
	heading(pdf, figures.workshop.title, 1);
	const when = figures.workshop.date ?? figures.span.start;
	const facts: [string, string][] = [];
	if (when) facts.push([t('outputs_pdf_cover_date'), formatDateTime(locale, when, 'long')]);
	if (figures.workshop.place) facts.push([t('outputs_pdf_cover_place'), figures.workshop.place]);
	if (input.facilitators.length > 0) {
		facts.push([t('outputs_pdf_cover_facilitators'), input.facilitators.join(', ')]);
	}
	for (const [name, value] of facts) {
		const y = pdf.y;
		pdf.font(PDF_FONT_BOLD).fontSize(11).fillColor(TEXT_COLOR);
		pdf.text(clean(pdf, name), MARGIN, y, { width: 110 });
		pdf.font(PDF_FONT).text(clean(pdf, value), MARGIN + 120, y, { width: width(pdf) - 120 });
		pdf.moveDown(0.3);
	}
	pdf.moveDown(1.5);
	heading(pdf, t('outputs_pdf_cover_participation'), 3);
	const counts = figures.participants.byCategory;
	const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
	if (total === 0) paragraph(pdf, t('outputs_empty_participants'));
	else {
		barChart(
			pdf,
			figures.categories.map((key) => ({
				label: categoryGroupLabel(t, key),
				value: counts[key] ?? 0,
				text: formatNumber(locale, counts[key] ?? 0),
				category: key
			}))
		);
	}
	pdf.moveDown(1);
	paragraph(pdf, t('outputs_pdf_anonymity'), { muted: true });
	paragraph(
		pdf,
		`${t('report_intro')} ${t('report_computed', { date: formatDate(locale, figures.computedAt, 'long') })}`,
		{ muted: true }
	);
}

/** One page per board, the board scaled to fit the page under its title. */
export function boardPages(
	pdf: Pdf,
	input: { boards: ReportBoard[]; t: Translate; emoji: string }
): void {
	for (const board of input.boards) {
		pdf.addPage();
		heading(pdf, `${input.t('outputs_pdf_boards')} · ${board.title}`, 2);
		const scene = boardScene({
			doc: board.doc,
			frameId: null,
			categoryLabel: (category) => (category ? categoryLabel(input.t, category) : '')
		});
		const top = pdf.y;
		const room = { w: width(pdf), h: pdf.page.height - MARGIN - FOOTER - top };
		const scale = Math.min(room.w / scene.width, room.h / scene.height, 1);
		pdf.save();
		pdf.rect(MARGIN, top, room.w, room.h).clip();
		pdf.translate(MARGIN, top).scale(scale).translate(-scene.x, -scene.y);
		for (const primitive of scene.primitives) draw(pdf, primitive, new Map(), input.emoji);
		pdf.restore();
		pdf.font(PDF_FONT);
	}
}
