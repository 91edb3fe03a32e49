import { and, asc, desc, eq, gt } from 'drizzle-orm';
import * as Y from 'yjs';
import { appContext } from '../../src/lib/server/context.ts';
import { boardSnapshots, boardUpdates } from '../../src/lib/server/db/schema.ts';

/**
 * The board history in the database: `board_updates` (one row per accepted update) and
 * `board_snapshots` (full state up to a seq). Every function reads the process database from the
 * app context at call time.
 */

/** Origin of the transactions that replay stored history into a document (never logged again). */
export const LOAD_ORIGIN = 'load';

/** Rows read per query when replaying the log. */
const LOAD_PAGE_ROWS = 1000;
/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters; a row uses 6). */
const MAX_ROWS_PER_INSERT = 1000;

/** One row of `board_updates`. */
export interface StoredUpdate {
	seq: number;
	update: Uint8Array;
	authorId: string | null;
	category: string | null;
	at: Date;
}

/** One row of `board_snapshots`. */
export interface StoredSnapshot {
	seq: number;
	state: Uint8Array;
	itemCount: number;
	at: Date;
}

/** Where a loaded board's history stands. */
export interface LoadedBoard {
	/** Seq of the last logged update (0 when none). */
	lastSeq: number;
	/** Seq of the latest snapshot (0 when none). */
	lastSnapshotSeq: number;
}

/**
 * Replays a board into `doc`: the latest snapshot, then every later update in seq order, in
 * transactions whose origin is `LOAD_ORIGIN`.
 */
export async function loadBoardInto(doc: Y.Doc, boardId: string): Promise<LoadedBoard> {
	const { db } = appContext();
	const [snapshot] = await db
		.select({ seq: boardSnapshots.seq, state: boardSnapshots.state })
		.from(boardSnapshots)
		.where(eq(boardSnapshots.boardId, boardId))
		.orderBy(desc(boardSnapshots.seq))
		.limit(1);
	if (snapshot) Y.applyUpdate(doc, snapshot.state, LOAD_ORIGIN);
	let lastSeq = snapshot?.seq ?? 0;
	for (;;) {
		const rows = await db
			.select({ seq: boardUpdates.seq, update: boardUpdates.update })
			.from(boardUpdates)
			.where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.seq, lastSeq)))
			.orderBy(asc(boardUpdates.seq))
			.limit(LOAD_PAGE_ROWS);
		if (rows.length === 0) break;
		doc.transact(() => {
			for (const row of rows) Y.applyUpdate(doc, row.update);
		}, LOAD_ORIGIN);
		lastSeq = rows[rows.length - 1]?.seq ?? lastSeq;
		if (rows.length < LOAD_PAGE_ROWS) break;
	}
	return { lastSeq, lastSnapshotSeq: snapshot?.seq ?? 0 };
}

/** Inserts a batch of updates: one statement, or one transaction when the batch is very large. */
export async function insertUpdates(boardId: string, rows: readonly StoredUpdate[]): Promise<void> {
	const { db } = appContext();
	const values = rows.map((row) => ({ boardId, ...row }));
	if (values.length <= MAX_ROWS_PER_INSERT) {
		await db.insert(boardUpdates).values(values);
		return;
	}
	await db.transaction(async (tx) => {
		for (let i = 0; i < values.length; i += MAX_ROWS_PER_INSERT) {
			await tx.insert(boardUpdates).values(values.slice(i, i + MAX_ROWS_PER_INSERT));
		}
	});
}

/** Stores a snapshot (a second one for the same seq is ignored). */
export async function insertSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<void> {
	await appContext()
		.db.insert(boardSnapshots)
		.values({ boardId, ...snapshot })
		.onConflictDoNothing();
}
