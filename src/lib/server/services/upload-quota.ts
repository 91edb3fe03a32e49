import { eq, sql } from 'drizzle-orm';
import { appContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import { boards, files, workshops } from '../db/schema.ts';
import { failure, type Failure } from './failure.ts';

/**
 * The images of one workshop's boards share `MAX_UPLOAD_BYTES_PER_WORKSHOP`, counted from the
 * `files` rows of its boards (no counter column: the sum is the truth, and a deleted board frees
 * its share at once). Checked before a body is read (from what is stored and the declared length)
 * and again when the row is written, inside a transaction holding the workshop's row lock, so two
 * uploads racing cannot both pass.
 */

/** A transaction or the database itself. */
type Queries = Pick<Database, 'select' | 'insert' | 'execute'>;

/** 413 `workshop_quota_exceeded`: the workshop's images would exceed its share. */
export function quotaFailure(limit: number): Failure {
	return failure(
		413,
		'workshop_quota_exceeded',
		`The images of this workshop would exceed its limit of ${limit} bytes`
	);
}

/** Bytes of images the boards of `workshopId` hold together. */
export async function workshopUploadBytes(db: Queries, workshopId: string): Promise<number> {
	const [row] = await db
		.select({ total: sql<string | number>`coalesce(sum(${files.size}), 0)` })
		.from(files)
		.innerJoin(boards, eq(boards.id, files.boardId))
		.where(eq(boards.workshopId, workshopId));
	return Number(row?.total ?? 0);
}

/** Bytes `workshopId` may still receive (0 when its share is used up). */
export async function remainingUploadBytes(workshopId: string): Promise<number> {
	const { db, config } = appContext();
	const used = await workshopUploadBytes(db, workshopId);
	return Math.max(0, config.maxUploadBytesPerWorkshop - used);
}

/**
 * Inserts `rows` (files of boards of `workshopId`) only if the workshop's images stay within
 * `MAX_UPLOAD_BYTES_PER_WORKSHOP`; otherwise nothing is written and the quota failure comes back.
 */
export async function insertFilesWithinQuota(input: {
	workshopId: string;
	rows: (typeof files.$inferInsert)[];
}): Promise<Failure | null> {
	const { db, config } = appContext();
	const limit = config.maxUploadBytesPerWorkshop;
	const adding = input.rows.reduce((sum, row) => sum + row.size, 0);
	return db.transaction(async (tx) => {
		// The workshop row's lock serialises the uploads of one workshop between check and insert.
		await tx.execute(
			sql`select 1 from ${workshops} where ${workshops.id} = ${input.workshopId} for update`
		);
		const used = await workshopUploadBytes(tx, input.workshopId);
		if (used + adding > limit) return quotaFailure(limit);
		if (input.rows.length > 0) await tx.insert(files).values(input.rows);
		return null;
	});
}
