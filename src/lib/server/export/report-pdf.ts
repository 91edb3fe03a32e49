import PDFDocument from 'pdfkit';
import {
	formatDateTime,
	formatNumber,
	formatPercent,
	formatTime,
	labelled
} from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { categoryGroupLabel } from '../../i18n/labels.ts';
import { NO_CATEGORY, type CategoryCounts, type WorkshopFigures } from '../../shared/figures.ts';
import { compactPageContent } from './pdf-content.ts';
import { registerFonts } from './pdf-fonts.ts';
import { boardPages, cover, type ReportBoard } from './report-pdf-cover.ts';
import { lineChart, pairedBars } from './report-pdf-charts.ts';
import {
	MARGIN,
	barChart,
	groupedBarChart,
	heading,
	numberPages,
	paragraph,
	setEmojiText,
	table
} from './report-pdf-layout.ts';

/**
 * The workshop report as a PDF, ready to publish: a cover (workshop, date, place, facilitators,
 * participation by category, anonymity rules), the figures of the report page drawn as vector
 * charts in the category colours with their tables, verbatims grouped by category, the boards as
 * vector images, page numbers; in the reader's language, in an embedded Unicode font. No names of
 * participants: figures and verbatims carry categories only.
 */

type Pdf = InstanceType<typeof PDFDocument>;

interface Context {
	pdf: Pdf;
	figures: WorkshopFigures;
	t: Translate;
	locale: string;
}

const num = (context: Context, value: number) => formatNumber(context.locale, value, 2);

/** `keys` in the workshop's category order (then any other), as every other figure. */
function inOrder(context: Context, keys: string[]): string[] {
	const order = context.figures.categories;
	const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
	return [...keys].sort((a, b) => rank(a) - rank(b));
}
const label = (context: Context, key: string) => categoryGroupLabel(context.t, key);

/** A bar per category of `values`, in the category colours. */
function categoryBars(context: Context, values: CategoryCounts) {
	return context.figures.categories.map((key) => ({
		label: label(context, key),
		value: values[key] ?? 0,
		text: num(context, values[key] ?? 0),
		category: key
	}));
}

function counts(context: Context, values: CategoryCounts, column: string, empty: string): void {
	const { pdf, figures, t } = context;
	if (Object.values(values).every((value) => !value)) return paragraph(pdf, empty);
	barChart(pdf, categoryBars(context, values));
	table(pdf, {
		header: [t('report_category'), column],
		rows: figures.categories.map((k) => [label(context, k), num(context, values[k] ?? 0)])
	});
}

function participation(context: Context): void {
	const { pdf, figures, t } = context;
	pdf.addPage();
	heading(pdf, t('report_section_participation'), 2);
	heading(pdf, t('report_participants'), 3);
	counts(
		context,
		figures.participants.byCategory,
		t('report_people'),
		t('outputs_empty_participants')
	);
	heading(pdf, t('report_contributions'), 3);
	table(pdf, {
		header: [t('report_category'), t('report_created'), t('report_edited'), t('report_words')],
		rows: figures.categories.map((key) => {
			const c = figures.contributions.byCategory[key] ?? { created: 0, edited: 0, words: 0 };
			return [
				label(context, key),
				num(context, c.created),
				num(context, c.edited),
				num(context, c.words)
			];
		})
	});
	heading(pdf, t('report_active_minutes'), 3);
	counts(context, figures.activeMinutes, t('report_minutes'), t('outputs_empty_timeline'));
	voiceShares(context);
	const balance = figures.voiceBalance;
	heading(
		pdf,
		balance === null
			? t('report_balance_none')
			: t('report_balance', { value: num(context, balance) }),
		3
	);
	if (balance !== null) {
		barChart(
			pdf,
			[{ label: t('programme_balance_series'), value: balance, text: num(context, balance) }],
			1
		);
	}
	paragraph(pdf, t('report_balance_hint'), { muted: true });
}

/** Each category's share of the people beside its share of the contributions, as on the page. */
function voiceShares(context: Context): void {
	const { pdf, figures, t, locale } = context;
	const categories = figures.categories.filter((key) => key !== NO_CATEGORY);
	const made = (key: string) => {
		const c = figures.contributions.byCategory[key];
		return (c?.created ?? 0) + (c?.edited ?? 0);
	};
	const people = categories.map((key) => figures.participants.byCategory[key] ?? 0);
	const contributions = categories.map(made);
	const share = (values: number[], index: number) => {
		const total = values.reduce((sum, value) => sum + value, 0);
		return total === 0 ? 0 : values[index]! / total;
	};
	if (categories.length === 0 || contributions.every((value) => value === 0)) return;
	heading(pdf, t('outputs_balance_chart'), 3);
	pairedBars(pdf, {
		groups: categories.map((key, index) => ({
			label: label(context, key),
			category: key,
			values: [share(people, index), share(contributions, index)]
		})),
		series: [t('outputs_share_people'), t('outputs_share_contributions')],
		format: (value) => formatPercent(locale, value)
	});
}

function timeline(context: Context): void {
	const { pdf, figures, t, locale } = context;
	heading(pdf, t('report_section_timeline'), 2);
	if (figures.contributions.overTime.length === 0)
		return paragraph(pdf, t('outputs_empty_timeline'));
	for (const [title, series, unit] of [
		[
			t('report_contributions_over_time'),
			figures.contributions.overTime,
			t('outputs_axis_contributions')
		],
		[t('report_votes_over_time'), figures.votes.overTime, t('outputs_axis_votes')]
	] as const) {
		heading(pdf, title, 3);
		if (series.every((b) => Object.values(b.byCategory).every((value) => !value))) {
			paragraph(pdf, t('outputs_empty_votes'));
			continue;
		}
		lineChart(pdf, {
			xLabels: series.map((b) => formatTime(locale, b.at)),
			series: figures.categories.map((k) => ({
				label: label(context, k),
				category: k,
				values: series.map((b) => b.byCategory[k] ?? 0)
			})),
			yLabel: unit,
			xLabel: t('report_time'),
			format: (value) => num(context, value)
		});
		table(pdf, {
			header: [t('report_time'), ...figures.categories.map((k) => label(context, k))],
			rows: series.map((b) => [
				formatTime(locale, b.at),
				...figures.categories.map((k) => num(context, b.byCategory[k] ?? 0))
			])
		});
	}
}

function votes(context: Context): void {
	const { pdf, figures, t, locale } = context;
	heading(pdf, t('report_section_votes'), 2);
	heading(pdf, t('report_votes_by_category'), 3);
	counts(context, figures.votes.byCategory, t('report_dots'), t('outputs_empty_votes'));
	if (figures.voteRounds.length === 0) paragraph(pdf, t('outputs_empty_rounds'));
	const legend = figures.categories.map((key) => ({ label: label(context, key), category: key }));
	for (const round of figures.voteRounds) {
		const date = formatDateTime(locale, round.closedAt);
		heading(pdf, t('report_round', { date, board: round.board }), 3);
		groupedBarChart(pdf, {
			legend,
			groups: round.objects.map((object) => ({
				label: `${object.label} (${labelled(locale, t('report_total'), num(context, object.total))})`,
				bars: figures.categories
					.filter((key) => object.byCategory[key])
					.map((key) => ({
						label: label(context, key),
						value: object.byCategory[key] ?? 0,
						text: num(context, object.byCategory[key] ?? 0),
						category: key
					}))
			}))
		});
	}
}

function barometer(context: Context): void {
	const { pdf, figures, t } = context;
	heading(pdf, t('report_section_barometer'), 2);
	if (figures.barometer.length === 0) return paragraph(pdf, t('outputs_empty_barometer'));
	const keys = [...new Set(figures.barometer.flatMap((row) => Object.keys(row.means)))];
	heading(pdf, t('report_barometer_chart'), 3);
	groupedBarChart(pdf, {
		legend: keys.map((key) => ({ label: label(context, key), category: key })),
		max: 5,
		groups: figures.barometer.map((row) => ({
			label: row.criterion,
			bars: keys
				.filter((key) => row.means[key] !== undefined)
				.map((key) => ({
					label: label(context, key),
					value: row.means[key] ?? 0,
					text: num(context, row.means[key] ?? 0),
					category: key
				}))
		}))
	});
	table(pdf, {
		header: [t('report_criterion'), ...keys.map((k) => label(context, k)), t('report_gap')],
		rows: figures.barometer.map((row) => [
			row.criterion,
			...keys.map((k) => (row.means[k] === undefined ? '–' : num(context, row.means[k]))),
			row.gap === null ? '–' : num(context, row.gap)
		])
	});
}

function feedback(context: Context): void {
	const { pdf, figures, t } = context;
	heading(pdf, t('report_section_feedback'), 2);
	const overall = figures.feedback.overall;
	if (!overall) return paragraph(pdf, t('outputs_empty_feedback'));
	paragraph(
		pdf,
		t('report_feedback_overall', {
			mean: num(context, overall.mean),
			count: num(context, overall.count)
		})
	);
	heading(pdf, t('report_feedback_mean'), 3);
	barChart(
		pdf,
		inOrder(context, Object.keys(figures.feedback.byCategory)).map((key) => ({
			label: `${label(context, key)} (${labelled(context.locale, t('report_answers'), num(context, figures.feedback.byCategory[key]?.count ?? 0))})`,
			value: figures.feedback.byCategory[key]?.mean ?? 0,
			text: num(context, figures.feedback.byCategory[key]?.mean ?? 0),
			category: key
		})),
		5
	);
	verbatims(context);
}

/** Free-text answers grouped by category, each quoted; never a name, never an order in time. */
function verbatims(context: Context): void {
	const { pdf, figures, t } = context;
	if (figures.feedback.comments.length === 0) return;
	heading(pdf, t('outputs_pdf_verbatims'), 2);
	const quote = (text: string) =>
		context.locale.startsWith('fr') ? `«\u00a0${text}\u00a0»` : `“${text}”`;
	for (const key of inOrder(context, [
		...new Set(figures.feedback.comments.map((c) => c.category))
	])) {
		heading(pdf, label(context, key), 3);
		for (const comment of figures.feedback.comments.filter((c) => c.category === key)) {
			if (comment.worked)
				paragraph(pdf, labelled(context.locale, t('report_worked'), quote(comment.worked)));
			if (comment.change)
				paragraph(pdf, labelled(context.locale, t('report_change'), quote(comment.change)));
		}
	}
}

/** Input of `reportToPdf`. */
export interface ReportPdfInput {
	figures: WorkshopFigures;
	t: Translate;
	locale: string;
	/** Names of the facilitators for the cover (empty: left out, e.g. for pseudonymised readers). */
	facilitators?: string[];
	/** The boards to draw after the figures. */
	boards?: ReportBoard[];
}

/** The report of `figures` as the bytes of an A4 PDF, with `t` in the reader's `locale`. */
export function reportToPdf(input: ReportPdfInput): Promise<Uint8Array> {
	const title = `${input.t('report_title')} · ${input.figures.workshop.title}`;
	const pdf = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		bufferPages: true,
		lang: input.locale,
		displayTitle: true,
		info: { Title: title, Creator: 'Croisée' }
	});
	const chunks: Uint8Array[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
	compactPageContent(pdf);
	registerFonts(pdf);
	const emoji = input.t('outputs_emoji_fallback');
	setEmojiText(pdf, emoji);
	const context: Context = { pdf, figures: input.figures, t: input.t, locale: input.locale };
	cover(pdf, { ...context, facilitators: input.facilitators ?? [] });
	for (const section of [participation, timeline, votes, barometer, feedback]) section(context);
	boardPages(pdf, { boards: input.boards ?? [], t: input.t, emoji });
	numberPages(pdf, (page, pages) => input.t('outputs_pdf_page', { page, pages }));
	pdf.end();
	return done;
}
