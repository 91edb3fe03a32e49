import type { Logger } from 'pino';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import type { UserSockets } from './access.ts';
import type { Connection } from './connection.ts';
import type { WritePolicy } from './facilitation/write-policy.ts';
import type { RedisBus } from './redis-bus.ts';
import { ActOf, Room, type BoardLimits } from './room.ts';
import { loadBoardInto, loadClientOwners } from '../../src/lib/server/history/store.ts';
import type { LogJournal } from './log-journal.ts';
import type { LogStore } from './update-log.ts';

/** The realtime layer is closing: no board may be opened any more. */
export class RealtimeClosedError extends Error {
	override name = 'RealtimeClosedError';
}

interface Entry {
	boardId: string;
	/** The load, shared by every concurrent joiner. */
	room: Promise<Room>;
	/** The room once loaded. */
	loaded: Room | null;
	/** Users of the room: connections, and upgrades between authorization and open. */
	holders: number;
	idleTimer: ReturnType<typeof setTimeout> | null;
}

/** Options of a `RoomRegistry`. */
export interface RoomRegistryOptions {
	logBatchMs: number;
	snapshotEveryUpdates: number;
	/** Delay before a board without connections is unloaded, in milliseconds. */
	idleBoardUnloadMs: number;
	log: Logger;
	store?: LogStore;
	/** Objects a board may hold (see `Room`). */
	maxObjectsPerBoard?: number;
	/** Sizes of texts, values, documents and awareness states (see `Room`). */
	limits?: BoardLimits;
	/** Asked before applying a writer's update (see `Room`). */
	writePolicy?: WritePolicy;
	/** The fan-out to other instances (`REDIS_URL`); null or absent on a single instance. */
	bus?: RedisBus | null;
	/** Delay grouping awareness changes into one broadcast (see `Room`). */
	awarenessFlushMs?: number;
	/** Size above which a new client's initial state is sent in parts (see `Room`). */
	syncPartBytes?: number;
	/** The embedded database's journal (see `Room`); null or absent on PostgreSQL. */
	journal?: LogJournal | null;
}

/** What `RoomRegistry.stats` counts. */
export interface RealtimeStats {
	/** Boards loaded in memory. */
	boards: number;
	/** Open Yjs connections. */
	connections: number;
	/** Boards whose document holds structs waiting for missing ones (kept at 0 by the guard). */
	boardsWithPending: number;
}

/**
 * The open boards of this process. A board is loaded once (concurrent joiners share the load),
 * held while it has connections, and unloaded `idleBoardUnloadMs` after the last one left, once
 * its log is stored and a snapshot written. A joiner arriving before that cancels the unload (an
 * unloaded board is loaded again from the database).
 */
export class RoomRegistry {
	readonly #entries = new Map<string, Entry>();
	readonly #options: RoomRegistryOptions;
	#closed = false;

	constructor(options: RoomRegistryOptions) {
		this.#options = options;
	}

	/** The loaded room of `boardId`, held until `release`. Loads it if needed. */
	async acquire(boardId: string): Promise<Room> {
		for (;;) {
			if (this.#closed) throw new RealtimeClosedError('realtime layer closed');
			const entry = this.#entries.get(boardId) ?? this.#load(boardId);
			const room = await entry.room;
			if (this.#closed) throw new RealtimeClosedError('realtime layer closed');
			// The board may have been unloaded meanwhile: then load it again.
			if (this.#entries.get(boardId) !== entry) continue;
			entry.holders++;
			if (entry.idleTimer) clearTimeout(entry.idleTimer);
			entry.idleTimer = null;
			return room;
		}
	}

	/** Gives back a room taken with `acquire`; the last release schedules its unload. */
	release(room: Room): void {
		const entry = this.#entries.get(room.boardId);
		if (!entry || entry.holders === 0) return;
		entry.holders--;
		if (entry.holders > 0 || this.#closed) return;
		entry.idleTimer = setTimeout(() => {
			entry.idleTimer = null;
			void this.#unload(entry, room);
		}, this.#options.idleBoardUnloadMs);
	}

	/** Every open connection, on every loaded board. */
	*connections(): Iterable<Connection> {
		for (const room of this.#loadedRooms()) yield* room.connections;
	}

	/** Open connections, guests' included, to the boards of `workshopId` on this instance. */
	connectionsInWorkshop(workshopId: string): number {
		let count = 0;
		for (const connection of this.connections()) {
			if (connection.identity.workshopId === workshopId) count++;
		}
		return count;
	}

	/**
	 * Closes (4403) every connection of `userId` to a board of `workshopId` (or of any workshop),
	 * only those opened with `sessionId` when given.
	 */
	disconnectUser({ workshopId, userId, sessionId }: UserSockets): void {
		for (const connection of this.connections()) {
			const { identity } = connection;
			const inWorkshop = !workshopId || identity.workshopId === workshopId;
			const inSession = !sessionId || identity.sessionId === sessionId;
			if (identity.userId === userId && inWorkshop && inSession) {
				connection.close(CloseCode.Forbidden, 'access revoked');
			}
		}
	}

	/**
	 * Gives every connection to a board of `workshopId` the name `nameOf` returns for it (null:
	 * unchanged), then relays their awareness states with the new names. Nobody is disconnected.
	 */
	async renameInWorkshop(
		workshopId: string,
		nameOf: (identity: Connection['identity']) => Promise<string | null>
	): Promise<void> {
		const touched = new Set<Room>();
		for (const room of this.#loadedRooms()) {
			for (const connection of room.connections) {
				if (connection.identity.workshopId !== workshopId) continue;
				const name = await nameOf(connection.identity);
				if (name !== null) connection.identity.name = name;
				touched.add(room);
			}
		}
		for (const room of touched) room.renewAwarenessIdentities();
	}

	/** Closes (4403) every connection to a board of `workshopId` (e.g. it was just archived). */
	disconnectWorkshop(workshopId: string): void {
		for (const connection of this.connections()) {
			if (connection.identity.workshopId === workshopId) {
				connection.close(CloseCode.Forbidden, 'access changed');
			}
		}
	}

	/**
	 * Stores `boardId`'s log and writes a snapshot when updates were logged since the last one
	 * (loading the board when it is not open), so that its latest snapshot is its whole state.
	 */
	async persistBoard(boardId: string): Promise<void> {
		const room = await this.acquire(boardId);
		try {
			await room.persist();
		} finally {
			this.release(room);
		}
	}

	/**
	 * Runs `change` on `boardId`'s document as `author`'s act (logged under them), loading the board
	 * if needed; resolves once that change is stored.
	 */
	async writeAs<T>(input: {
		boardId: string;
		author: { userId: string; category: string | null };
		change: (doc: Y.Doc, origin: unknown) => T;
	}): Promise<T> {
		const room = await this.acquire(input.boardId);
		try {
			const origin = new ActOf(input.author.userId, input.author.category);
			const result = input.change(room.doc, origin);
			await room.stored();
			return result;
		} finally {
			this.release(room);
		}
	}

	/** Resolves once the updates accepted so far on the open boards among `boardIds` are stored. */
	async storedBoards(boardIds: readonly string[]): Promise<void> {
		await Promise.all(boardIds.map((boardId) => this.#entries.get(boardId)?.loaded?.stored()));
	}

	/**
	 * Number of loaded boards, of open connections, and of boards whose document holds structs
	 * waiting for missing ones (always 0: `update-guard.ts` refuses what would leave any).
	 */
	stats(): RealtimeStats {
		let connections = 0;
		let boardsWithPending = 0;
		for (const room of this.#loadedRooms()) {
			connections += room.connections.size;
			if (!room.nothingPending) boardsWithPending++;
		}
		return { boards: this.#entries.size, connections, boardsWithPending };
	}

	/** Refuses new joiners, then stores, snapshots and closes every board (sockets get 4503). */
	async closeAll(): Promise<void> {
		this.#closed = true;
		const entries = [...this.#entries.values()];
		await Promise.all(entries.map((entry) => this.#shutdown(entry)));
	}

	*#loadedRooms(): Iterable<Room> {
		for (const entry of this.#entries.values()) if (entry.loaded) yield entry.loaded;
	}

	#load(boardId: string): Entry {
		const entry: Entry = {
			boardId,
			room: this.#createRoom(boardId),
			loaded: null,
			holders: 0,
			idleTimer: null
		};
		this.#entries.set(boardId, entry);
		entry.room.then(
			(room) => (entry.loaded = room),
			(error: unknown) => {
				this.#options.log.error({ err: error, boardId }, 'board load failed');
				if (this.#entries.get(boardId) === entry) this.#entries.delete(boardId);
			}
		);
		return entry;
	}

	async #createRoom(boardId: string): Promise<Room> {
		const doc = new Y.Doc({ gc: true });
		const started = performance.now();
		const { bus, ...options } = this.#options;
		// Subscribed first, loaded then: nothing published in between is missed (seqs dedupe).
		const channel = bus ? await bus.open(boardId) : null;
		let loaded;
		let clientOwners;
		try {
			// The write policy must know the board's locks before the room accepts a first write.
			[loaded, clientOwners] = await Promise.all([
				loadBoardInto(doc, boardId),
				loadClientOwners(boardId),
				this.#options.writePolicy?.ready?.()
			]);
		} catch (error) {
			channel?.close();
			throw error;
		}
		this.#options.log.debug(
			{ boardId, lastSeq: loaded.lastSeq, ms: Math.round(performance.now() - started) },
			'board loaded'
		);
		const onBusReady = bus ? (listener: () => void) => bus.onReady(listener) : undefined;
		return new Room({
			boardId,
			doc,
			loaded,
			...options,
			channel,
			onBusReady,
			clientOwners,
			loadClientOwners: () => loadClientOwners(boardId)
		});
	}

	/** Stores and snapshots an idle room, then frees it, unless someone joined meanwhile. */
	async #unload(entry: Entry, room: Room): Promise<void> {
		try {
			await room.persist();
		} catch (error) {
			this.#options.log.error({ err: error, boardId: entry.boardId }, 'board unload failed');
			return;
		}
		if (entry.holders > 0 || this.#entries.get(entry.boardId) !== entry) return;
		this.#forget(entry);
		room.destroy();
		this.#options.log.debug({ boardId: entry.boardId }, 'board unloaded');
	}

	async #shutdown(entry: Entry): Promise<void> {
		if (entry.idleTimer) clearTimeout(entry.idleTimer);
		entry.idleTimer = null;
		let room: Room;
		try {
			room = await entry.room;
		} catch {
			return;
		}
		try {
			await room.shutdown(CloseCode.Restarting);
		} catch (error) {
			this.#options.log.error({ err: error, boardId: entry.boardId }, 'board shutdown failed');
		} finally {
			this.#forget(entry);
		}
	}

	#forget(entry: Entry): void {
		if (this.#entries.get(entry.boardId) === entry) this.#entries.delete(entry.boardId);
	}
}
