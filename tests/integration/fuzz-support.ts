import { eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/app.ts';
import { boardUpdates } from '../../src/lib/server/db/schema.ts';
import type {
	ClientToServerEvents,
	ServerToClientEvents
} from '../../src/lib/shared/socket-events.ts';
import { db, type Harness } from './support.ts';

/**
 * Helpers of the limits, fuzz and fault tests: hand-built y-websocket frames, what the database
 * holds for a board, and socket.io clients.
 */

/** A sync frame of sub-type `subType` (0 step 1, 1 step 2, 2 update) carrying `payload`. */
export function syncFrame(subType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, subType);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** A sync-update frame whose payload is `update` (possibly broken). */
export function updateFrame(update: Uint8Array): Uint8Array {
	return syncFrame(2, update);
}

/** An awareness frame carrying `payload` (possibly broken). */
export function awarenessFrame(payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** The update that creates `edit`'s changes in a fresh document. */
export function updateOf(edit: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	edit(doc);
	return Y.encodeStateAsUpdate(doc);
}

/** Number of rows of `board_updates` for `boardId`. */
export async function storedUpdateCount(boardId: string): Promise<number> {
	const rows = await db()
		.select({ seq: boardUpdates.seq })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId));
	return rows.length;
}

/** The board as the database holds it: every stored update merged into one document. */
export async function storedDoc(boardId: string): Promise<Y.Doc> {
	const rows = await db()
		.select({ update: boardUpdates.update })
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId));
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, row.update);
	return doc;
}

/** A typed socket.io client. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client (websocket transport, no reconnection), disconnected at cleanup. */
export function socketIoClient(h: Harness, server: RunningServer, cookie: string): ClientSocket {
	const socket: ClientSocket = io(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false
	});
	h.defer(() => socket.disconnect());
	return socket;
}

/** Seed of a randomised test: `FUZZ_SEED` when set, else the clock; printed so a run can be redone. */
export function testSeed(name: string): number {
	const seed = Number(process.env.FUZZ_SEED) || Date.now() % 2_147_483_647;
	console.info(`[${name}] seed ${seed} (rerun with FUZZ_SEED=${seed})`);
	return seed;
}
