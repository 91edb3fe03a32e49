import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import * as Y from 'yjs';
import { appContext } from '../context.ts';
import { embeddedClientOf, type Database, type EmbeddedClient } from '../db/client.ts';
import { boardClients, boardSnapshots, boardUpdates } from '../db/schema.ts';
import { COPY_UPDATE_COLUMNS, encodeUpdateRows } from './copy-binary.ts';

/**
 * The board history in the database: `board_updates` (one row per accepted update) and
 * `board_snapshots` (full state up to a seq). Every function reads the process database from the
 * app context at call time.
 */

/** Origin of the transactions that replay stored history into a document (never logged again). */
export const LOAD_ORIGIN = 'load';

/** Rows read per query when replaying the log. */
const LOAD_PAGE_ROWS = 1000;
/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters; a row uses 5). */
const MAX_ROWS_PER_INSERT = 1000;
/**
 * On PGlite, batches up to this many rows (binding no client id) are stored by the one-statement
 * INSERT: a lone keystroke is the common case of a small workshop, and the COPY's transaction
 * (BEGIN, head, COPY, COMMIT: four trips into the engine) took 1.3 ms where the INSERT took
 * 0.7-0.8 ms; from about 5 rows the COPY is as fast, and much faster for large batches.
 */
const PGLITE_MAX_ROWS_PER_INSERT = 4;

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
	/** Size of the latest snapshot's state in bytes (0 when none). */
	lastSnapshotBytes: number;
	/** Bytes of the updates logged after that snapshot. */
	bytesSinceSnapshot: number;
}

/**
 * Waits until every update this instance accepted on `boardIds` is in the database: on the
 * embedded database, journaled updates reach it a moment after their broadcast
 * (`server/realtime/log-journal.ts`). Readers of a live board's stored history call it first.
 */
export async function boardsStored(boardIds: readonly string[]): Promise<void> {
	await appContext().realtime?.storedBoards(boardIds);
}

/**
 * Replays a board into `doc`: the latest snapshot, then every later update in seq order, in
 * transactions whose origin is `LOAD_ORIGIN` (once what the board's open room accepted is stored).
 */
export async function loadBoardInto(doc: Y.Doc, boardId: string): Promise<LoadedBoard> {
	await boardsStored([boardId]);
	const { db } = appContext();
	const [snapshot] = await db
		.select({ seq: boardSnapshots.seq, state: boardSnapshots.state })
		.from(boardSnapshots)
		.where(eq(boardSnapshots.boardId, boardId))
		.orderBy(desc(boardSnapshots.seq))
		.limit(1);
	if (snapshot) Y.applyUpdate(doc, snapshot.state, LOAD_ORIGIN);
	let lastSeq = snapshot?.seq ?? 0;
	let bytesSinceSnapshot = 0;
	for (;;) {
		const rows = await updatesAfter(boardId, lastSeq);
		if (rows.length === 0) break;
		doc.transact(() => {
			for (const row of rows) {
				Y.applyUpdate(doc, row.update);
				bytesSinceSnapshot += row.update.byteLength;
			}
		}, LOAD_ORIGIN);
		lastSeq = rows[rows.length - 1]?.seq ?? lastSeq;
		if (rows.length < LOAD_PAGE_ROWS) break;
	}
	return {
		lastSeq,
		lastSnapshotSeq: snapshot?.seq ?? 0,
		lastSnapshotBytes: snapshot?.state.byteLength ?? 0,
		bytesSinceSnapshot
	};
}

/** An update to store: the database gives it its seq. */
export type UnnumberedUpdate = Omit<StoredUpdate, 'seq'> & {
	/** Yjs client ids this update is the first to write with: bound to its author when stored. */
	bindsClients?: readonly number[];
};

/** The client-id bindings that `rows` bring: the new client ids of each row, with its author. */
function bindingsOf(rows: readonly UnnumberedUpdate[]): { clientIds: number[]; userIds: string[] } {
	const clientIds: number[] = [];
	const userIds: string[] = [];
	for (const row of rows) {
		if (!row.authorId) continue;
		for (const clientId of row.bindsClients ?? []) {
			clientIds.push(clientId);
			userIds.push(row.authorId);
		}
	}
	return { clientIds, userIds };
}

/**
 * Binds client ids to their first writer, in the transaction storing the updates that use them (an
 * id already bound keeps its owner: `update-guard.ts` refused anyone else's structs under it).
 */
const BIND_CLIENTS_SQL = `insert into board_clients (board_id, client_id, user_id)
	select $1, c, u from unnest($2::bigint[], $3::text[]) as t(c, u)
	on conflict do nothing`;

/** Every client id bound on `boardId`, with the person it belongs to. */
export async function loadClientOwners(
	boardId: string
): Promise<Array<{ clientId: number; userId: string }>> {
	const rows = await appContext()
		.db.select({ clientId: boardClients.clientId, userId: boardClients.userId })
		.from(boardClients)
		.where(eq(boardClients.boardId, boardId));
	return rows.map((row) => ({ clientId: Number(row.clientId), userId: row.userId }));
}

/** First key of the advisory locks taken by snapshot writers (the second is the board's hash). */
const SNAPSHOT_LOCK_KEY = 0x43_52_53_4e; // "CRSN"

type Executor = Pick<Database, 'execute'>;

/** The rows of a raw query, whichever driver ran it (PGlite wraps them, postgres.js does not). */
function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Takes the board's history lock for the rest of the transaction run by `tx`, unless another
 * transaction holds it: snapshot writers and the retention purge rewrite a board's history one
 * at a time, whatever the number of instances. Returns whether it was taken.
 */
export async function tryBoardHistoryLock(tx: Executor, boardId: string): Promise<boolean> {
	const locked = rowsOf<{ ok: boolean }>(
		await tx.execute(
			sql`select pg_try_advisory_xact_lock(${SNAPSHOT_LOCK_KEY}::integer, hashtext(${boardId})) as ok`
		)
	);
	return locked[0]?.ok === true;
}

/**
 * Inserts updates numbered after the board's head, bumping the head in the same statement: its
 * row lock is held until commit, so concurrent writers (other instances) get dense seqs in commit
 * order. Returns the first seq given (the others follow).
 */
async function insertNumbered(db: Executor, boardId: string, rows: readonly UnnumberedUpdate[]) {
	const n = rows.length;
	const values: SQL[] = rows.map(
		(row, i) =>
			sql`(${i + 1}::integer, ${row.at.toISOString()}::timestamptz, ${row.authorId}::text, ${row.category}::text, ${row.update}::bytea)`
	);
	const result = await db.execute(sql`
		with head as (
			insert into board_heads (board_id, last_seq)
			values (${boardId}, (select coalesce(max(seq), 0) from board_updates where board_id = ${boardId}) + ${n}::integer)
			on conflict (board_id) do update set last_seq = board_heads.last_seq + ${n}::integer
			returning last_seq
		)
		insert into board_updates (board_id, seq, at, author_id, category, update)
		select ${boardId}, head.last_seq - ${n}::integer + v.ord, v.at, v.author_id, v.category, v.update
		from head, (values ${sql.join(values, sql`, `)}) as v(ord, at, author_id, category, update)
		returning seq`);
	const seqs = rowsOf<{ seq: number }>(result).map((row) => Number(row.seq));
	return Math.min(...seqs);
}

/**
 * PGlite's way (one connection, so one writer at a time): the head is bumped, then the rows, their
 * seqs given here, are copied from one binary buffer, in one transaction. Same result as
 * `insertNumbered`, without a text parameter per row (see `copy-binary.ts`).
 */
async function copyNumbered(
	pglite: EmbeddedClient,
	boardId: string,
	rows: readonly UnnumberedUpdate[]
) {
	const n = rows.length;
	const { clientIds, userIds } = bindingsOf(rows);
	return pglite.transaction(async (tx) => {
		if (clientIds.length > 0) await tx.query(BIND_CLIENTS_SQL, [boardId, clientIds, userIds]);
		const head = await tx.query<{ last_seq: number }>(
			`insert into board_heads (board_id, last_seq)
			values ($1, (select coalesce(max(seq), 0) from board_updates where board_id = $1) + $2::integer)
			on conflict (board_id) do update set last_seq = board_heads.last_seq + $2::integer
			returning last_seq`,
			[boardId, n]
		);
		const first = Number(head.rows[0]?.last_seq) - n + 1;
		const stream = encodeUpdateRows(
			boardId,
			rows.map((row, i) => ({ ...row, seq: first + i }))
		);
		await tx.query(
			`copy board_updates (${COPY_UPDATE_COLUMNS}) from '/dev/blob' with (format binary)`,
			[],
			{ blob: new Blob([stream]) }
		);
		return first;
	});
}

/**
 * Stores a batch of updates (one statement, or one transaction when the batch is very large; on
 * PGlite one binary COPY unless it is small) and returns the seq given to the first; the others follow densely.
 */
export async function insertUpdates(
	boardId: string,
	rows: readonly UnnumberedUpdate[]
): Promise<number> {
	const { db } = appContext();
	const client = embeddedClientOf(db);
	const { clientIds, userIds } = bindingsOf(rows);
	const bindsNone = clientIds.length === 0;
	const onPglite = client !== null;
	const maxInsertRows = onPglite ? PGLITE_MAX_ROWS_PER_INSERT : MAX_ROWS_PER_INSERT;
	if (bindsNone && rows.length <= maxInsertRows) return insertNumbered(db, boardId, rows);
	if (onPglite) return copyNumbered(client, boardId, rows);
	return db.transaction(async (tx) => {
		if (!bindsNone) {
			await tx.execute(sql`insert into board_clients (board_id, client_id, user_id)
				select ${boardId}, c, u from unnest(${sql.param(clientIds)}::bigint[], ${sql.param(userIds)}::text[]) as t(c, u)
				on conflict do nothing`);
		}
		let first = 0;
		for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
			const seq = await insertNumbered(tx, boardId, rows.slice(i, i + MAX_ROWS_PER_INSERT));
			if (i === 0) first = seq;
		}
		return first;
	});
}

/**
 * Stores updates already numbered, the first `firstSeq` and the others after it, and moves the
 * board's head up to the last (never down): on PGlite, whose one process is the only writer, the
 * journal numbers updates in memory (`server/realtime/log-journal.ts`). Client-id bindings are
 * stored in the same statement or transaction; a batch of more than `PGLITE_MAX_ROWS_PER_INSERT`
 * rows, or binding client ids, is copied from one binary buffer.
 */
export async function insertUpdatesAt(
	boardId: string,
	firstSeq: number,
	rows: readonly UnnumberedUpdate[]
): Promise<void> {
	if (rows.length === 0) return;
	const { db } = appContext();
	const client = embeddedClientOf(db);
	if (!client) {
		throw new Error('updates are numbered outside the database only on PGlite (the journal)');
	}
	const { clientIds, userIds } = bindingsOf(rows);
	const lastSeq = firstSeq + rows.length - 1;
	const numbered = rows.map((row, i) => ({ ...row, seq: firstSeq + i }));
	if (clientIds.length === 0 && rows.length <= PGLITE_MAX_ROWS_PER_INSERT) {
		const values = numbered.map(
			(row) =>
				sql`(${boardId}, ${row.seq}::integer, ${row.at.toISOString()}::timestamptz, ${row.authorId}::text, ${row.category}::text, ${row.update}::bytea)`
		);
		await db.execute(sql`
			with head as (
				insert into board_heads (board_id, last_seq) values (${boardId}, ${lastSeq}::integer)
				on conflict (board_id) do update set last_seq = greatest(board_heads.last_seq, excluded.last_seq)
			)
			insert into board_updates (board_id, seq, at, author_id, category, update)
			values ${sql.join(values, sql`, `)}`);
		return;
	}
	const raiseHead = `insert into board_heads (board_id, last_seq) values ($1, $2::integer)
		on conflict (board_id) do update set last_seq = greatest(board_heads.last_seq, excluded.last_seq)`;
	await client.transaction(async (tx) => {
		if (clientIds.length > 0) await tx.query(BIND_CLIENTS_SQL, [boardId, clientIds, userIds]);
		await tx.query(raiseHead, [boardId, lastSeq]);
		await tx.query(
			`copy board_updates (${COPY_UPDATE_COLUMNS}) from '/dev/blob' with (format binary)`,
			[],
			{ blob: new Blob([encodeUpdateRows(boardId, numbered)]) }
		);
	});
}

/**
 * The seq up to which `boardId`'s history is stored: its head row, or its last stored update or
 * snapshot when it has no head row yet (0 for a board with no history); null when the board no
 * longer exists.
 */
export async function storedHeadSeq(boardId: string): Promise<number | null> {
	const rows = rowsOf<{ board: number | null; seq: number | string | null }>(
		await appContext().db.execute(sql`select
			(select 1 from boards where id = ${boardId}) as board,
			greatest(
				(select last_seq from board_heads where board_id = ${boardId}),
				(select max(seq) from board_updates where board_id = ${boardId}),
				(select max(seq) from board_snapshots where board_id = ${boardId})
			) as seq`)
	);
	const row = rows[0];
	if (!row?.board) return null;
	return Number(row.seq ?? 0);
}

/** Stored updates of a board after `afterSeq`, in seq order (at most `LOAD_PAGE_ROWS`). */
export async function updatesAfter(
	boardId: string,
	afterSeq: number
): Promise<Array<{ seq: number; update: Uint8Array }>> {
	return appContext()
		.db.select({ seq: boardUpdates.seq, update: boardUpdates.update })
		.from(boardUpdates)
		.where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.seq, afterSeq)))
		.orderBy(asc(boardUpdates.seq))
		.limit(LOAD_PAGE_ROWS);
}

/**
 * Stores a snapshot unless another writer holds the board's snapshot lock (a transaction-level
 * advisory lock: one instance at a time) or a snapshot at or beyond `snapshot.seq` exists. Returns
 * whether it was written.
 */
export async function insertSnapshot(boardId: string, snapshot: StoredSnapshot): Promise<boolean> {
	return appContext().db.transaction(async (tx) => {
		if (!(await tryBoardHistoryLock(tx, boardId))) return false;
		const [latest] = await tx
			.select({ seq: boardSnapshots.seq })
			.from(boardSnapshots)
			.where(and(eq(boardSnapshots.boardId, boardId), gt(boardSnapshots.seq, snapshot.seq - 1)))
			.limit(1);
		if (latest) return false;
		await tx.insert(boardSnapshots).values({ boardId, ...snapshot });
		return true;
	});
}
