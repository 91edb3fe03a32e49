import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { contentBox, revealPositions } from '../../../src/lib/board/reveal-layout.ts';
import { countItems, createItem, itemsOf, listItems } from '../../../src/lib/board/schema.ts';
import { appContext } from '../../../src/lib/server/context.ts';
import type { Database } from '../../../src/lib/server/db/client.ts';
import { boardDrafts, workshopEvents } from '../../../src/lib/server/db/schema.ts';
import { recordEvent } from '../../../src/lib/server/services/workshop-events.ts';
import { EVENT_INPUT } from '../../../src/lib/shared/commands.ts';
import type { WorkshopEventType } from '../../../src/lib/shared/workshop-events.ts';
import type { BoardIdentity } from '../access.ts';
import { personRoomOf, type PresenceSocket } from '../socket-io.ts';
import {
	boardRoom,
	command,
	facilitatorsRoom,
	record,
	RefusedError,
	type FacilitationDeps
} from './commands.ts';

/**
 * Silent brainstorm. While it is on, a person's new notes go to their private draft document,
 * which only their own sockets and the server see (`board_drafts`, one row per person and board).
 * At "reveal" the server copies every draft's items into the shared board in one transaction, with
 * each item's category and no author, and clears the drafts.
 */

/**
 * Draft changes and reveals of a board run one after the other: a draft is read, changed and
 * written back, so two at once would lose one, and a change landing during a reveal would bring a
 * revealed draft back. On an instance they queue here (so that a burst holds one database
 * connection, not the pool); across instances each runs in a transaction holding the board's
 * drafts lock (`lockedDrafts`).
 */
const boardQueues = new Map<string, Promise<unknown>>();

function serialised<T>(boardId: string, run: () => Promise<T>): Promise<T> {
	const previous = boardQueues.get(boardId) ?? Promise.resolve();
	const next = previous.then(run, run);
	const settled = next.catch(() => undefined);
	boardQueues.set(boardId, settled);
	void settled.then(() => {
		if (boardQueues.get(boardId) === settled) boardQueues.delete(boardId);
	});
	return next;
}

/** First key of the advisory locks on a board's drafts (the second is the board's hash). */
const DRAFTS_LOCK_KEY = 0x43_52_44_52; // "CRDR"

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Runs `work` in a transaction holding the board's drafts lock, whatever the number of instances
 * (PostgreSQL advisory lock, released at commit).
 */
function lockedDrafts<T>(boardId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
	return appContext().db.transaction(async (tx) => {
		await tx.execute(
			sql`select pg_advisory_xact_lock(${DRAFTS_LOCK_KEY}::integer, hashtext(${boardId}))`
		);
		return work(tx);
	});
}

/** Largest draft update accepted, in bytes. */
export const MAX_DRAFT_UPDATE_BYTES = 64 * 1024;

/**
 * Objects one person's draft may hold. A reveal that would take the board past its object limit is
 * refused whole, so without this one person could fill a draft and block everyone's reveal.
 */
export const MAX_DRAFT_OBJECTS = 200;

const BRAINSTORM_EVENTS = [
	'brainstorm-start',
	'brainstorm-stop',
	'brainstorm-reveal'
] satisfies WorkshopEventType[];

/**
 * Whether a board's silent brainstorm is on. An instance that does not know (it restarted, or
 * started after the facilitator turned it on) reads the board's last brainstorm event back, so
 * people's drafts are not refused because a server restarted.
 */
export async function brainstormOn(deps: FacilitationDeps, boardId: string): Promise<boolean> {
	const { live } = deps;
	if (live.knowsBrainstorm(boardId)) return live.brainstorm(boardId);
	const on = await brainstormStored(appContext().db, boardId);
	// A change announced meanwhile is newer than what was read.
	if (!live.knowsBrainstorm(boardId)) live.apply({ op: 'brainstorm', boardId, on });
	return live.brainstorm(boardId);
}

/**
 * Whether the board's last brainstorm event is a start, as stored. Read under the drafts lock,
 * this is what every instance agrees on (a reveal records its event before releasing the lock).
 */
async function brainstormStored(db: Pick<Database, 'select'>, boardId: string): Promise<boolean> {
	const [last] = await db
		.select({ type: workshopEvents.type })
		.from(workshopEvents)
		.where(
			and(eq(workshopEvents.boardId, boardId), inArray(workshopEvents.type, BRAINSTORM_EVENTS))
		)
		.orderBy(desc(workshopEvents.id))
		.limit(1);
	return last?.type === 'brainstorm-start';
}

async function loadDraft(
	boardId: string,
	userId: string,
	db: Pick<Database, 'select'> = appContext().db
): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const [row] = await db
		.select({ state: boardDrafts.state })
		.from(boardDrafts)
		.where(and(eq(boardDrafts.boardId, boardId), eq(boardDrafts.userId, userId)));
	if (row) Y.applyUpdate(doc, row.state);
	return doc;
}

async function saveDraft(tx: Transaction, identity: BoardIdentity, doc: Y.Doc): Promise<void> {
	const state = Y.encodeStateAsUpdate(doc);
	const { boardId, userId, category } = identity;
	await tx
		.insert(boardDrafts)
		.values({ boardId, userId, category, state })
		.onConflictDoUpdate({
			target: [boardDrafts.boardId, boardDrafts.userId],
			set: { state, category, updatedAt: new Date() }
		});
}

type DraftRow = typeof boardDrafts.$inferSelect;

/** Objects of `rows` that `board` does not hold yet (ids counted once). */
function newDraftObjects(board: Y.Doc, rows: readonly DraftRow[]): number {
	const ids = new Set<string>();
	for (const row of rows) {
		const draft = new Y.Doc();
		Y.applyUpdate(draft, row.state);
		for (const id of itemsOf(draft).keys()) if (!itemsOf(board).has(id)) ids.add(id);
		draft.destroy();
	}
	return ids.size;
}

/**
 * Refuses the reveal whole (`board_full`, nothing written, drafts kept, brainstorm still on) when
 * the drafts would take the board past `MAX_OBJECTS_PER_BOARD`. Revealing only some would keep
 * some people's ideas private by the order of their rows, skewing what each category said.
 */
function refuseBeyondLimit(board: Y.Doc, rows: readonly DraftRow[]): void {
	const limit = appContext().config.maxObjectsPerBoard;
	const objects = countItems(board);
	const adding = newDraftObjects(board, rows);
	if (objects + adding <= limit) return;
	throw new RefusedError('board full', { ok: false, reason: 'limit', limit, objects, adding });
}

/**
 * Copies the drafts' items into the board's document, clears the drafts and records the reveal,
 * under the drafts lock; returns how many items were revealed, or throws a `RefusedError` (nothing
 * written) when they would not fit within the board's object limit. Items already on the board
 * are skipped, so a reveal retried after a failure adds nothing twice. `board` is the board's
 * loaded document: loading it here would wait for the database this transaction holds (PGlite
 * has one connection). `beforeWrite` runs once the reveal is known to fit.
 */
async function revealDrafts(
	tx: Transaction,
	board: Y.Doc,
	who: BoardIdentity,
	beforeWrite: () => void
): Promise<number> {
	const { boardId } = who;
	const rows = await tx.select().from(boardDrafts).where(eq(boardDrafts.boardId, boardId));
	refuseBeyondLimit(board, rows);
	beforeWrite();
	// Every draft note, in its authors' order; laid out in a tidy grid per category beside the
	// board's content, in front of everything (never stacked where each author happened to look).
	const notes = rows.flatMap((row) => {
		const draft = new Y.Doc();
		Y.applyUpdate(draft, row.state);
		const items = listItems(draft)
			.filter((item) => !itemsOf(board).has(item.id))
			.map((item) => ({ item, category: row.category }));
		draft.destroy();
		return items;
	});
	const at = revealPositions({
		drafts: notes.map(({ item, category }) => ({ id: item.id, category, w: item.w, h: item.h })),
		content: contentBox(listItems(board).filter((item) => item.w > 0 && item.h > 0))
	});
	board.transact(() => {
		for (const { item, category } of notes) {
			const { id, text, ...fields } = item;
			createItem(board, { ...fields, ...at.get(id), id, text, category });
		}
	}, 'brainstorm-reveal');
	const revealed = notes.length;
	await tx.delete(boardDrafts).where(eq(boardDrafts.boardId, boardId));
	await recordEvent(
		{
			workshopId: who.workshopId,
			boardId,
			actorId: who.userId,
			type: 'brainstorm-reveal',
			payload: { items: revealed }
		},
		tx
	);
	return revealed;
}

/**
 * Tells the workshop's facilitators how many private ideas are written, per category, before the
 * reveal (counts only: nobody sees a draft's text before it).
 */
async function emitDraftCounts(deps: FacilitationDeps, who: BoardIdentity): Promise<void> {
	const rows = await appContext()
		.db.select({ state: boardDrafts.state, category: boardDrafts.category })
		.from(boardDrafts)
		.where(eq(boardDrafts.boardId, who.boardId));
	const byCategory: Record<string, number> = {};
	for (const row of rows) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, row.state);
		const count = listItems(doc).length;
		doc.destroy();
		const key = row.category ?? 'none';
		if (count > 0) byCategory[key] = (byCategory[key] ?? 0) + count;
	}
	deps.io
		.to(facilitatorsRoom(who.workshopId))
		.emit('brainstorm:drafts', { boardId: who.boardId, byCategory });
}

/** Registers the brainstorm events on a socket. */
export function registerBrainstorm(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { io, live } = deps;
	command(deps, socket, 'brainstorm:set', async (who, input) => {
		live.setBrainstorm(who.boardId, input.on);
		await record(who, input.on ? 'brainstorm-start' : 'brainstorm-stop', {});
		io.to(boardRoom(who.boardId)).emit('brainstorm:state', { boardId: who.boardId, on: input.on });
	});
	command(deps, socket, 'draft:update', async (who, input) => {
		const update = new Uint8Array(input.update);
		if (update.byteLength > MAX_DRAFT_UPDATE_BYTES)
			throw new RefusedError('too large', 'too_large');
		Y.decodeUpdate(update);
		// Refused from memory when known to be off; under the lock, the stored state decides.
		if (!(await brainstormOn(deps, who.boardId)))
			throw new RefusedError('no brainstorm', 'conflict');
		await serialised(who.boardId, () =>
			lockedDrafts(who.boardId, async (tx) => {
				if (!(await brainstormStored(tx, who.boardId)))
					throw new RefusedError('no brainstorm', 'conflict');
				const doc = await loadDraft(who.boardId, who.userId, tx);
				Y.applyUpdate(doc, update);
				if (countItems(doc) > MAX_DRAFT_OBJECTS) throw new RefusedError('draft full', 'limit');
				await saveDraft(tx, who, doc);
				doc.destroy();
			})
		);
		// The person's other tabs, wherever they are connected.
		io.to(personRoomOf(who.boardId, who.userId))
			.except(socket.id)
			.emit('draft:update', { boardId: who.boardId, update });
		await emitDraftCounts(deps, who);
	});
	socket.on('draft:sync', (payload: unknown, ack: unknown) => {
		const parsed = EVENT_INPUT.board.safeParse(payload);
		const identity = parsed.success ? socket.data.boards[parsed.data.boardId] : undefined;
		if (!identity || typeof ack !== 'function') return;
		void loadDraft(identity.boardId, identity.userId).then((doc) => {
			(ack as (state: Uint8Array) => void)(Y.encodeStateAsUpdate(doc));
			doc.destroy();
		});
	});
	command(deps, socket, 'brainstorm:reveal', async (who) => {
		await serialised(who.boardId, async () => {
			const room = await deps.rooms.acquire(who.boardId);
			try {
				const stop = () => live.setBrainstorm(who.boardId, false);
				await lockedDrafts(who.boardId, (tx) => revealDrafts(tx, room.doc, who, stop));
			} finally {
				deps.rooms.release(room);
			}
		});
		io.to(boardRoom(who.boardId)).emit('brainstorm:state', { boardId: who.boardId, on: false });
		io.to(boardRoom(who.boardId)).emit('draft:cleared', { boardId: who.boardId });
		await emitDraftCounts(deps, who);
	});
}
