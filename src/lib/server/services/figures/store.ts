import { eq } from 'drizzle-orm';
import { FIGURES_VERSION, type WorkshopFigures } from '../../../shared/figures.ts';
import { appContext } from '../../context.ts';
import { workshopFigures, workshops } from '../../db/schema.ts';
import { computeWorkshopFigures } from './compute.ts';

/**
 * Computes a workshop's figures and keeps them in `workshop_figures` (replacing older ones). Call it
 * before purging a workshop's raw update logs: reports then read these figures. Null when the
 * workshop does not exist.
 */
export async function storeWorkshopFigures(input: {
	workshopId: string;
}): Promise<WorkshopFigures | null> {
	const figures = await computeWorkshopFigures(input);
	if (!figures) return null;
	const row = {
		workshopId: input.workshopId,
		version: FIGURES_VERSION,
		computedAt: new Date(figures.computedAt),
		figures
	};
	await appContext()
		.db.insert(workshopFigures)
		.values(row)
		.onConflictDoUpdate({ target: workshopFigures.workshopId, set: row });
	return figures;
}

/** The stored figures of a workshop in the current shape, or null. */
export async function storedWorkshopFigures(input: {
	workshopId: string;
}): Promise<WorkshopFigures | null> {
	const [row] = await appContext()
		.db.select()
		.from(workshopFigures)
		.where(eq(workshopFigures.workshopId, input.workshopId));
	return row && row.version === FIGURES_VERSION ? (row.figures as WorkshopFigures) : null;
}

/**
 * The figures the reports show: computed live while the workshop is active; once it is archived,
 * the stored ones (computed and stored on first read), which survive the purge of raw logs.
 */
export async function workshopFiguresFor(input: {
	workshopId: string;
}): Promise<WorkshopFigures | null> {
	const [workshop] = await appContext()
		.db.select({ status: workshops.status })
		.from(workshops)
		.where(eq(workshops.id, input.workshopId));
	if (!workshop) return null;
	if (workshop.status !== 'archived') return computeWorkshopFigures(input);
	return (await storedWorkshopFigures(input)) ?? storeWorkshopFigures(input);
}
