import * as z from 'zod';
import type { WorkshopFigures } from './figures.ts';

/**
 * Programmes: a facilitator's series of workshops whose figures are compared over time. The input
 * schemas of `/api/programmes` and the programme's figures (one row per workshop, no names), with
 * the pure function that derives them from each workshop's `WorkshopFigures`.
 */

/** A programme's title. */
export const programmeTitle = z.string().trim().min(1).max(120);

/** Input of `POST /api/programmes` and `PATCH /api/programmes/<id>`. */
export const programmeInput = z.object({ title: programmeTitle });

/** A programme id in `PATCH /api/workshops/<id> {programmeId}` (null: out of any programme). */
export const programmeIdInput = z.string().min(1).max(64).nullable();

/** How a reader may see a programme: its owner and facilitators see every workshop, evaluators the archived ones. */
export type ProgrammeReader = 'owner' | 'facilitator' | 'evaluator';

/** One workshop of a programme, with the figures compared over time (all per category key). */
export interface ProgrammeWorkshop {
	workshopId: string;
	title: string;
	/** The workshop's date, or its creation time when it has none (ISO): the series' order. */
	date: string;
	archived: boolean;
	/** Share of the workshop's participants, in percent (one decimal). */
	participantShare: Record<string, number>;
	/** Share of objects created and edited, in percent (one decimal). */
	contributionShare: Record<string, number>;
	/** Voice balance index in [0, 1], or null (see `WorkshopFigures.voiceBalance`). */
	voiceBalance: number | null;
	/** Mean feedback satisfaction 1–5 of the categories that answered. */
	feedbackMean: Record<string, number>;
	/** Minutes in which someone of the category edited or voted. */
	activeMinutes: Record<string, number>;
}

/** A programme's figures over time: its workshops in date order and every category they name. */
export interface ProgrammeFigures {
	categories: string[];
	workshops: ProgrammeWorkshop[];
}

/** `counts` as percentages of their sum, one decimal (empty when the sum is 0). */
export function sharesOf(counts: Record<string, number>): Record<string, number> {
	const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
	if (total === 0) return {};
	return Object.fromEntries(
		Object.entries(counts).map(([key, value]) => [key, Math.round((1000 * value) / total) / 10])
	);
}

/** The compared figures of one workshop. */
export function programmeWorkshopOf(input: {
	workshopId: string;
	date: string;
	figures: WorkshopFigures;
}): ProgrammeWorkshop {
	const { figures } = input;
	const contributions = Object.fromEntries(
		Object.entries(figures.contributions.byCategory).map(([key, c]) => [key, c.created + c.edited])
	);
	return {
		workshopId: input.workshopId,
		title: figures.workshop.title,
		date: input.date,
		archived: figures.workshop.archived,
		participantShare: sharesOf(figures.participants.byCategory),
		contributionShare: sharesOf(contributions),
		voiceBalance: figures.voiceBalance,
		feedbackMean: Object.fromEntries(
			Object.entries(figures.feedback.byCategory).map(([key, entry]) => [key, entry.mean])
		),
		activeMinutes: { ...figures.activeMinutes }
	};
}

/** Workshops sorted by date (then id, for equal dates) and the categories they name, in first-seen order. */
export function programmeFigures(
	workshops: readonly { workshopId: string; date: string; figures: WorkshopFigures }[]
): ProgrammeFigures {
	const sorted = [...workshops].sort(
		(a, b) => a.date.localeCompare(b.date) || a.workshopId.localeCompare(b.workshopId)
	);
	const categories = new Set<string>();
	for (const workshop of sorted) for (const key of workshop.figures.categories) categories.add(key);
	return { categories: [...categories], workshops: sorted.map(programmeWorkshopOf) };
}
