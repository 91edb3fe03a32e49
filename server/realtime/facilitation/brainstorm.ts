import { and, desc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { createItem, itemsOf, listItems } from '../../../src/lib/board/schema.ts';
import { appContext } from '../../../src/lib/server/context.ts';
import { boardDrafts, workshopEvents } from '../../../src/lib/server/db/schema.ts';
import { commandInput } from '../../../src/lib/shared/facilitation.ts';
import type { BoardIdentity } from '../access.ts';
import type { PresenceSocket } from '../socket-io.ts';
import { boardRoom, command, record, RefusedError, type FacilitationDeps } from './commands.ts';

/**
 * Silent brainstorm. While it is on, a person's new notes go to their private draft document,
 * which only their own sockets and the server see (`board_drafts`, one row per person and board).
 * At "reveal" the server copies every draft's items into the shared board in one transaction, with
 * each item's category and no author, and clears the drafts.
 */

/**
 * Draft changes and reveals of a board, one after the other (on this instance): a draft is read,
 * changed and written back, so two at once would lose one, and a change landing during a reveal
 * would bring a revealed draft back.
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

/** Largest draft update accepted, in bytes. */
export const MAX_DRAFT_UPDATE_BYTES = 64 * 1024;

const BRAINSTORM_EVENTS = ['brainstorm-start', 'brainstorm-stop', 'brainstorm-reveal'];

/**
 * Whether a board's silent brainstorm is on. An instance that does not know (it restarted, or
 * started after the facilitator turned it on) reads the board's last brainstorm event back, so
 * people's drafts are not refused because a server restarted.
 */
export async function brainstormOn(deps: FacilitationDeps, boardId: string): Promise<boolean> {
	const { live } = deps;
	if (live.knowsBrainstorm(boardId)) return live.brainstorm(boardId);
	const [last] = await appContext()
		.db.select({ type: workshopEvents.type })
		.from(workshopEvents)
		.where(
			and(eq(workshopEvents.boardId, boardId), inArray(workshopEvents.type, BRAINSTORM_EVENTS))
		)
		.orderBy(desc(workshopEvents.id))
		.limit(1);
	// A change announced meanwhile is newer than what was read.
	if (!live.knowsBrainstorm(boardId)) {
		live.apply({ op: 'brainstorm', boardId, on: last?.type === 'brainstorm-start' });
	}
	return live.brainstorm(boardId);
}

async function loadDraft(boardId: string, userId: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const [row] = await appContext()
		.db.select({ state: boardDrafts.state })
		.from(boardDrafts)
		.where(and(eq(boardDrafts.boardId, boardId), eq(boardDrafts.userId, userId)));
	if (row) Y.applyUpdate(doc, row.state);
	return doc;
}

async function saveDraft(identity: BoardIdentity, doc: Y.Doc): Promise<void> {
	const state = Y.encodeStateAsUpdate(doc);
	const { boardId, userId, category } = identity;
	await appContext()
		.db.insert(boardDrafts)
		.values({ boardId, userId, category, state })
		.onConflictDoUpdate({
			target: [boardDrafts.boardId, boardDrafts.userId],
			set: { state, category, updatedAt: new Date() }
		});
}

/** The sockets of one person on one board (their own tabs), other than `except`. */
function ownSockets(deps: FacilitationDeps, identity: BoardIdentity, except: PresenceSocket) {
	return [...deps.io.sockets.sockets.values()].filter(
		(peer) => peer !== except && peer.data.boards?.[identity.boardId]?.userId === identity.userId
	);
}

/** Copies the drafts' items into the board's document; returns how many were revealed. */
async function revealDrafts(deps: FacilitationDeps, boardId: string): Promise<number> {
	const rows = await appContext()
		.db.select()
		.from(boardDrafts)
		.where(eq(boardDrafts.boardId, boardId));
	const room = await deps.rooms.acquire(boardId);
	let revealed = 0;
	try {
		room.doc.transact(() => {
			for (const row of rows) {
				const draft = new Y.Doc();
				Y.applyUpdate(draft, row.state);
				for (const item of listItems(draft)) {
					if (itemsOf(room.doc).has(item.id)) continue;
					const { id, text, ...fields } = item;
					createItem(room.doc, { ...fields, id, text, category: row.category });
					revealed++;
				}
				draft.destroy();
			}
		}, 'brainstorm-reveal');
	} finally {
		deps.rooms.release(room);
	}
	await appContext().db.delete(boardDrafts).where(eq(boardDrafts.boardId, boardId));
	return revealed;
}

/** Registers the brainstorm events on a socket. */
export function registerBrainstorm(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { io, live } = deps;
	const set = {
		event: 'brainstorm:set',
		schema: commandInput.brainstorm,
		rule: 'facilitator'
	} as const;
	command(deps, socket, set, async (who, input) => {
		live.setBrainstorm(who.boardId, input.on);
		await record(who, input.on ? 'brainstorm-start' : 'brainstorm-stop', {});
		io.to(boardRoom(who.boardId)).emit('brainstorm:state', { boardId: who.boardId, on: input.on });
	});
	const draft = { event: 'draft:update', schema: commandInput.draft, rule: 'writer' } as const;
	command(deps, socket, draft, async (who, input) => {
		const update = new Uint8Array(input.update);
		if (update.byteLength > MAX_DRAFT_UPDATE_BYTES) throw new RefusedError('too large');
		Y.decodeUpdate(update);
		await serialised(who.boardId, async () => {
			if (!(await brainstormOn(deps, who.boardId))) throw new RefusedError('no brainstorm');
			const doc = await loadDraft(who.boardId, who.userId);
			Y.applyUpdate(doc, update);
			await saveDraft(who, doc);
			doc.destroy();
		});
		for (const peer of ownSockets(deps, who, socket)) {
			peer.emit('draft:update', { boardId: who.boardId, update });
		}
	});
	socket.on('draft:sync', (payload: unknown, ack: unknown) => {
		const parsed = commandInput.brainstorm.pick({ boardId: true }).safeParse(payload);
		const identity = parsed.success ? socket.data.boards[parsed.data.boardId] : undefined;
		if (!identity || typeof ack !== 'function') return;
		void loadDraft(identity.boardId, identity.userId).then((doc) => {
			(ack as (state: Uint8Array) => void)(Y.encodeStateAsUpdate(doc));
			doc.destroy();
		});
	});
	const reveal = {
		event: 'brainstorm:reveal',
		schema: commandInput.voteClose,
		rule: 'facilitator'
	} as const;
	command(deps, socket, reveal, async (who) => {
		const revealed = await serialised(who.boardId, () => {
			live.setBrainstorm(who.boardId, false);
			return revealDrafts(deps, who.boardId);
		});
		await record(who, 'brainstorm-reveal', { items: revealed });
		io.to(boardRoom(who.boardId)).emit('brainstorm:state', { boardId: who.boardId, on: false });
		io.to(boardRoom(who.boardId)).emit('draft:cleared', { boardId: who.boardId });
	});
}
