import PDFDocument from 'pdfkit';
import type { Translate } from '../../i18n/index.ts';
import { NO_CATEGORY, type CategoryCounts, type WorkshopFigures } from '../../shared/figures.ts';
import { barChart, heading, MARGIN, paragraph, table } from './report-pdf-layout.ts';

/**
 * The session report as a PDF: the same figures as the report page, as text, tables and vector
 * bar charts, in the reader's language. No names: figures carry categories only.
 */

type Pdf = InstanceType<typeof PDFDocument>;

interface Context {
	pdf: Pdf;
	figures: WorkshopFigures;
	t: Translate;
	locale: string;
}

const labelOf = (t: Translate, key: string) =>
	key === NO_CATEGORY ? t('report_no_category') : key;

function counts(context: Context, values: CategoryCounts, column: string): void {
	const { pdf, figures, t } = context;
	const keys = figures.categories;
	barChart(pdf, {
		labels: keys.map((k) => labelOf(t, k)),
		values: keys.map((k) => values[k] ?? 0)
	});
	table(pdf, {
		header: [t('report_category'), column],
		rows: keys.map((k) => [labelOf(t, k), String(values[k] ?? 0)])
	});
}

function participation(context: Context): void {
	const { pdf, figures, t } = context;
	heading(pdf, t('report_section_participation'), 2);
	paragraph(pdf, t('report_participants'));
	counts(context, figures.participants.byCategory, t('report_people'));
	paragraph(pdf, t('report_contributions'));
	table(pdf, {
		header: [t('report_category'), t('report_created'), t('report_edited'), t('report_words')],
		rows: figures.categories.map((key) => {
			const c = figures.contributions.byCategory[key] ?? { created: 0, edited: 0, words: 0 };
			return [labelOf(t, key), String(c.created), String(c.edited), String(c.words)];
		})
	});
	paragraph(pdf, t('report_active_minutes'));
	counts(context, figures.activeMinutes, t('report_minutes'));
	const balance = figures.voiceBalance;
	paragraph(
		pdf,
		balance === null ? t('report_balance_none') : t('report_balance', { value: balance.toFixed(2) })
	);
	paragraph(pdf, t('report_balance_hint'));
}

function timeline(context: Context): void {
	const { pdf, figures, t, locale } = context;
	heading(pdf, t('report_section_timeline'), 2);
	const time = (iso: string) =>
		new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
	for (const [title, series] of [
		[t('report_contributions_over_time'), figures.contributions.overTime],
		[t('report_votes_over_time'), figures.votes.overTime]
	] as const) {
		paragraph(pdf, title);
		table(pdf, {
			header: [t('report_time'), ...figures.categories.map((k) => labelOf(t, k))],
			rows: series.map((b) => [
				time(b.at),
				...figures.categories.map((k) => String(b.byCategory[k] ?? 0))
			])
		});
	}
}

function votes(context: Context): void {
	const { pdf, figures, t, locale } = context;
	heading(pdf, t('report_section_votes'), 2);
	paragraph(pdf, t('report_votes_by_category'));
	counts(context, figures.votes.byCategory, t('report_dots'));
	if (figures.voteRounds.length === 0) paragraph(pdf, t('report_no_rounds'));
	for (const round of figures.voteRounds) {
		const date = new Date(round.closedAt).toLocaleString(locale);
		paragraph(pdf, t('report_round', { date, board: round.board }));
		table(pdf, {
			header: [
				t('report_object'),
				t('report_total'),
				...figures.categories.map((k) => labelOf(t, k))
			],
			rows: round.objects.map((o) => [
				o.label,
				String(o.total),
				...figures.categories.map((k) => String(o.byCategory[k] ?? 0))
			])
		});
	}
}

function barometer(context: Context): void {
	const { pdf, figures, t } = context;
	heading(pdf, t('report_section_barometer'), 2);
	if (figures.barometer.length === 0) return paragraph(pdf, t('report_no_barometer'));
	const keys = [...new Set(figures.barometer.flatMap((row) => Object.keys(row.means)))];
	table(pdf, {
		header: [t('report_criterion'), ...keys.map((k) => labelOf(t, k)), t('report_gap')],
		rows: figures.barometer.map((row) => [
			row.criterion,
			...keys.map((k) => (row.means[k] === undefined ? '–' : String(row.means[k]))),
			row.gap === null ? '–' : String(row.gap)
		])
	});
}

function feedback(context: Context): void {
	const { pdf, figures, t } = context;
	heading(pdf, t('report_section_feedback'), 2);
	const overall = figures.feedback.overall;
	if (!overall) return paragraph(pdf, t('report_no_feedback'));
	paragraph(pdf, t('report_feedback_overall', { mean: overall.mean, count: overall.count }));
	const entries = Object.entries(figures.feedback.byCategory);
	paragraph(pdf, t('report_feedback_mean'));
	barChart(pdf, {
		labels: entries.map(([k]) => labelOf(t, k)),
		values: entries.map(([, e]) => e.mean)
	});
	if (figures.feedback.comments.length === 0) return;
	paragraph(pdf, t('report_comments'));
	table(pdf, {
		header: [t('report_category'), t('report_score'), t('report_worked'), t('report_change')],
		rows: figures.feedback.comments.map((c) => [
			labelOf(t, c.category),
			String(c.satisfaction),
			c.worked,
			c.change
		])
	});
}

/** The report of `figures` as the bytes of an A4 PDF, with `t` in the reader's `locale`. */
export function reportToPdf(input: {
	figures: WorkshopFigures;
	t: Translate;
	locale: string;
}): Promise<Uint8Array> {
	const title = `${input.t('report_title')} · ${input.figures.workshop.title}`;
	const pdf = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		info: { Title: title, Creator: 'Croisée' }
	});
	const chunks: Uint8Array[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
	const context: Context = { pdf, ...input };
	heading(pdf, title, 1);
	const computed = new Date(input.figures.computedAt).toLocaleString(input.locale);
	paragraph(pdf, `${input.t('report_intro')} ${input.t('report_computed', { date: computed })}`);
	for (const section of [participation, timeline, votes, barometer, feedback]) section(context);
	pdf.end();
	return done;
}
