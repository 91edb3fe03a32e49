import type PDFDocument from 'pdfkit';
import { categoryColor } from '../../shared/colors.ts';
import { PDF_FONT, PDF_FONT_BOLD } from './pdf-fonts.ts';
import { MARGIN, TEXT_COLOR, clean, ensureRoom, legend, width } from './report-pdf-layout.ts';

/**
 * The report PDF's charts over time and side-by-side shares, drawn as vectors from the same
 * figures and category colours as the report page's Chart.js charts: a line chart per category
 * with labelled axes and a legend, and paired bars (share of people, share of contributions) per
 * category. Every line and bar has its category's name beside it: colour never carries the meaning
 * alone, and each chart is followed by its table.
 */

type Pdf = InstanceType<typeof PDFDocument>;

const PLOT_HEIGHT = 130;
const AXIS_COLOR = '#767676';
const GRID_COLOR = '#d0d4da';
const AXIS_GUTTER = 34;
const ROW_HEIGHT = 16;
const BAR_HEIGHT = 10;

/** One line of a chart over time: its category (for the colour and the legend) and its values. */
export interface LineSeries {
	label: string;
	category: string | null;
	values: number[];
}

/** "Nice" steps for a value axis from 0 to `max`: 0, 1, 2… or 0, 5, 10…, at most five ticks. */
function ticksUpTo(max: number): number[] {
	const rough = Math.max(1, max) / 4;
	const power = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
	const whole = Math.max(1, Math.ceil(step));
	const ticks: number[] = [];
	for (let value = 0; value < max + whole; value += whole) ticks.push(value);
	return ticks.length > 1 ? ticks : [0, 1];
}

/**
 * A line chart: x labels (times) along the bottom, a value axis with its title (`yLabel`) on the
 * left, one line and point per series in its category's colour, a legend naming each colour.
 * A single moment is drawn as points only.
 */
export function lineChart(
	pdf: Pdf,
	input: {
		xLabels: string[];
		series: LineSeries[];
		yLabel: string;
		xLabel: string;
		format: (value: number) => string;
	}
): void {
	ensureRoom(pdf, PLOT_HEIGHT + 84);
	legend(
		pdf,
		input.series.map((entry) => ({ label: entry.label, category: entry.category }))
	);
	const max = Math.max(0, ...input.series.flatMap((entry) => entry.values));
	const ticks = ticksUpTo(max);
	const top = ticks[ticks.length - 1]!;
	const left = MARGIN + AXIS_GUTTER;
	const plotWidth = width(pdf) - AXIS_GUTTER;
	const titleY = pdf.y + 2;
	const y0 = pdf.y + 20;
	const bottom = y0 + PLOT_HEIGHT;
	const yOf = (value: number) => bottom - (value / top) * PLOT_HEIGHT;
	const count = input.xLabels.length;
	const xOf = (index: number) =>
		count < 2 ? left + plotWidth / 2 : left + (index / (count - 1)) * plotWidth;

	pdf.font(PDF_FONT).fontSize(8);
	for (const tick of ticks) {
		const y = yOf(tick);
		pdf
			.moveTo(left, y)
			.lineTo(left + plotWidth, y)
			.lineWidth(0.4)
			.strokeColor(GRID_COLOR)
			.stroke();
		pdf.fillColor(TEXT_COLOR).text(clean(pdf, input.format(tick)), MARGIN, y - 4, {
			width: AXIS_GUTTER - 4,
			align: 'right',
			lineBreak: false
		});
	}
	pdf
		.moveTo(left, y0)
		.lineTo(left, bottom)
		.lineTo(left + plotWidth, bottom);
	pdf.lineWidth(0.8).strokeColor(AXIS_COLOR).stroke();

	// At most about eight time labels, evenly spread, so they never overlap.
	const every = Math.max(1, Math.ceil(count / 8));
	input.xLabels.forEach((text, index) => {
		if (index % every !== 0 && index !== count - 1) return;
		pdf.fillColor(TEXT_COLOR).text(clean(pdf, text), xOf(index) - 30, bottom + 4, {
			width: 60,
			align: 'center',
			lineBreak: false
		});
	});

	for (const entry of input.series) {
		const color = categoryColor(entry.category);
		if (count > 1) {
			entry.values.forEach((value, index) => {
				if (index === 0) pdf.moveTo(xOf(index), yOf(value));
				else pdf.lineTo(xOf(index), yOf(value));
			});
			pdf.lineWidth(1.6).strokeColor(color).stroke();
		}
		entry.values.forEach((value, index) => {
			pdf.circle(xOf(index), yOf(value), 2.2).fillColor(color).fill();
		});
	}

	// Axis titles: the values' unit above the value axis, the time under the time labels.
	pdf.font(PDF_FONT_BOLD).fontSize(8).fillColor(TEXT_COLOR);
	pdf.text(clean(pdf, input.yLabel), MARGIN, titleY, { lineBreak: false });
	pdf.text(clean(pdf, input.xLabel), left, bottom + 16, {
		width: plotWidth,
		align: 'center',
		lineBreak: false
	});
	pdf.x = MARGIN;
	pdf.y = bottom + 32;
}

/**
 * Paired bars per category: for each one, its name, then a light bar (first series, e.g. share of
 * people) and a full bar (second series, e.g. share of contributions) in its colour, each with the
 * series' name and value written beside it.
 */
export function pairedBars(
	pdf: Pdf,
	input: {
		groups: { label: string; category: string; values: [number, number] }[];
		series: [string, string];
		format: (value: number) => string;
	}
): void {
	const max = Math.max(1e-9, ...input.groups.flatMap((group) => group.values));
	const labelWidth = width(pdf) * 0.3;
	const barSpace = width(pdf) * 0.5;
	for (const group of input.groups) {
		ensureRoom(pdf, ROW_HEIGHT * 3);
		pdf.font(PDF_FONT_BOLD).fontSize(9).fillColor(TEXT_COLOR);
		pdf.text(clean(pdf, group.label), MARGIN, pdf.y, { width: width(pdf) });
		const color = categoryColor(group.category);
		group.values.forEach((value, index) => {
			const y = pdf.y;
			pdf.font(PDF_FONT).fontSize(9).fillColor(TEXT_COLOR);
			pdf.text(clean(pdf, input.series[index]!), MARGIN + 8, y + 1, {
				width: labelWidth - 14,
				lineBreak: false
			});
			const barWidth = (value / max) * barSpace;
			if (barWidth > 0) {
				const bar = pdf.rect(MARGIN + labelWidth, y + 2, barWidth, BAR_HEIGHT);
				if (index === 0) bar.fillOpacity(0.3).fillAndStroke(color, color).fillOpacity(1);
				else bar.fillColor(color).fill();
			}
			pdf
				.fillColor(TEXT_COLOR)
				.text(clean(pdf, input.format(value)), MARGIN + labelWidth + barWidth + 4, y + 1, {
					lineBreak: false
				});
			pdf.x = MARGIN;
			pdf.y = y + ROW_HEIGHT;
		});
		pdf.moveDown(0.3);
	}
	pdf.moveDown(0.6);
}
