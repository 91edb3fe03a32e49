import type { Logger } from 'pino';
import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate as encodeAwarenessStates,
	removeAwarenessStates
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { countItems } from '../../src/lib/board/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { nameSeenBy } from './access.ts';
import {
	AwarenessOwners,
	type AwarenessEntry,
	decodeAwarenessUpdate,
	encodeAwarenessUpdate,
	withServerIdentity
} from './awareness.ts';
import { AwarenessRelay, PSEUDONYMS_VIEW } from './awareness-relay.ts';
import { wouldExceedObjects } from './board-limits.ts';
import { broadcastBatch } from './broadcast.ts';
import type { WritePolicy } from './facilitation/write-policy.ts';
import { Connection, type MessageSink } from './connection.ts';
import { encodeUpdateMessage } from './protocol.ts';
import type { BoardChannel } from './redis-bus.ts';
import { REMOTE_ORIGIN, RemoteSync } from './remote-sync.ts';
import { SyncCache } from './sync-cache.ts';
import { LOAD_ORIGIN, type LoadedBoard } from './store.ts';
import { UpdateLog, type LogStore, type LoggedUpdate } from './update-log.ts';

/** How long a shutdown waits for the log to be written before giving up, in milliseconds. */
export const SHUTDOWN_FLUSH_TIMEOUT_MS = 10_000;
/** How long a closing socket may take to answer the close frame, in milliseconds. */
export const CLOSE_GRACE_MS = 1000;

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** Options of a `Room`. */
export interface RoomOptions {
	boardId: string;
	/** The document, already loaded from the database. */
	doc: Y.Doc;
	loaded: LoadedBoard;
	logBatchMs: number;
	snapshotEveryUpdates: number;
	log: Logger;
	store?: LogStore;
	/** Objects the board may hold (`MAX_OBJECTS_PER_BOARD`); unlimited when absent. */
	maxObjectsPerBoard?: number;
	/** Asked before applying a writer's update (locks, `facilitation/write-policy.ts`). */
	writePolicy?: WritePolicy;
	/** The board's channel to the other instances (Redis), subscribed before the load. */
	channel?: BoardChannel | null;
	/** Subscribes to Redis reconnections (see `RemoteSync`). */
	onBusReady?: (listener: () => void) => () => void;
	/** Delay grouping awareness changes into one broadcast (`AWARENESS_FLUSH_MS`). */
	awarenessFlushMs?: number;
	/** Size above which a new client's initial state is sent in parts (`SYNC_PART_BYTES`). */
	syncPartBytes?: number;
}

/**
 * One open board: its Yjs document, its connections and their awareness. Accepted updates go to
 * the durable log first and are broadcast (encoded once, never echoed to their sender) only once
 * stored; a sync step 2 is answered only with state that is stored.
 */
export class Room implements MessageSink {
	readonly boardId: string;
	readonly doc: Y.Doc;
	/** Server-side awareness: every client's state, with the identity the server put in. */
	readonly awareness: Awareness;
	readonly connections = new Set<Connection>();
	readonly #updateLog: UpdateLog;
	readonly #remote: RemoteSync;
	readonly #owners = new AwarenessOwners<Connection>();
	readonly #log: Logger;
	readonly #maxObjects: number;
	readonly #writePolicy: WritePolicy | null;
	readonly #relay: AwarenessRelay;
	readonly #sync: SyncCache;
	#accepting = true;
	#destroyed = false;

	constructor(options: RoomOptions) {
		this.boardId = options.boardId;
		this.doc = options.doc;
		this.#log = options.log.child({ boardId: options.boardId });
		this.#maxObjects = options.maxObjectsPerBoard ?? Number.POSITIVE_INFINITY;
		this.#writePolicy = options.writePolicy ?? null;
		this.awareness = new Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.#relay = new AwarenessRelay({
			awareness: this.awareness,
			receivers: () => this.connections,
			encode: ({ clientIds, view }) =>
				view === PSEUDONYMS_VIEW
					? this.#pseudonymousAwareness(clientIds)
					: encodeAwarenessStates(this.awareness, clientIds),
			flushMs: options.awarenessFlushMs
		});
		this.#sync = new SyncCache(this.doc, options.syncPartBytes);
		this.#updateLog = new UpdateLog({
			boardId: options.boardId,
			loaded: options.loaded,
			batchMs: options.logBatchMs,
			snapshotEveryUpdates: options.snapshotEveryUpdates,
			snapshotOf: () => ({
				state: Y.encodeStateAsUpdate(this.doc),
				itemCount: countItems(this.doc),
				seq: this.#remote.appliedSeq
			}),
			onStored: (entries) => {
				this.#remote.stored(entries);
				this.#broadcastStored(entries);
			},
			log: this.#log,
			store: options.store
		});
		this.doc.on('update', this.#onDocUpdate);
		this.awareness.on('change', this.#onAwarenessChange);
		this.awareness.on('update', this.#onAwarenessUpdate);
		// Last: it may apply messages buffered during the load right away.
		this.#remote = new RemoteSync({
			boardId: this.boardId,
			doc: this.doc,
			awareness: this.awareness,
			loadedSeq: options.loaded.lastSeq,
			channel: options.channel ?? null,
			onBusReady: options.onBusReady,
			log: this.#log
		});
	}

	/** False once the room shuts down. */
	get accepting(): boolean {
		return this.#accepting;
	}

	/** True when no accepted update is waiting to be stored. */
	get flushed(): boolean {
		return this.#updateLog.idle;
	}

	/** Number of this board's open connections held by `userId`. */
	connectionsOf(userId: string): number {
		let count = 0;
		for (const connection of this.connections) if (connection.userId === userId) count++;
		return count;
	}

	/** Adds a connection: sends it sync step 1 and the current awareness states. */
	attach(connection: Connection): void {
		if (!this.#accepting) {
			connection.close(CloseCode.Restarting, 'server restarting');
			return;
		}
		this.connections.add(connection);
		connection.send(this.#sync.step1());
		this.sendAwarenessStates(connection);
	}

	/** Removes a connection and the awareness states it owned (others are told). */
	detach(connection: Connection): void {
		this.connections.delete(connection);
		const clientIds = this.#owners.release(connection);
		if (clientIds.length > 0) removeAwarenessStates(this.awareness, clientIds, connection);
	}

	/**
	 * Answers sync step 1 with what the client lacks, once all of that is stored. The answer to an
	 * empty state vector (a new client) is encoded once per document state, whoever asks.
	 */
	answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
		this.#updateLog.whenDurable(() => {
			const messages = this.#sync.step2(stateVector);
			return () => {
				for (const message of messages) connection.send(message);
			};
		});
	}

	/**
	 * Applies a client's update (sync step 2 or update) when it may write. A read-only client's
	 * update that would change nothing (the stock client always answers step 1, even when it has
	 * nothing new) is ignored; any other closes the connection with 4403, nothing applied. An update
	 * that would take the board beyond `maxObjectsPerBoard` objects closes its sender with 4507.
	 */
	receiveUpdate(connection: Connection, update: Uint8Array): void {
		// Decoding the whole update first: a truncated one must not be half-applied.
		const { structs } = Y.decodeUpdate(update);
		if (connection.identity.writable) {
			if (wouldExceedObjects(this.doc, structs, this.#maxObjects)) {
				connection.log.info({ maxObjects: this.#maxObjects }, 'board full: update refused');
				connection.close(CloseCode.BoardFull, 'board full');
				return;
			}
			if (!this.#allowedByPolicy(connection, update)) {
				connection.log.info('update refused: it changes something locked');
				connection.close(CloseCode.Locked, 'locked');
				return;
			}
			Y.applyUpdate(this.doc, update, connection);
			return;
		}
		if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return;
		connection.log.info({ role: connection.identity.role }, 'read-only connection sent an edit');
		connection.close(CloseCode.Forbidden, 'read-only');
	}

	#allowedByPolicy(connection: Connection, update: Uint8Array): boolean {
		if (!this.#writePolicy) return true;
		const { identity } = connection;
		return this.#writePolicy.allows({ boardId: this.boardId, doc: this.doc, update, identity });
	}

	/**
	 * Takes an awareness update: keeps the entries of client ids this connection owns (dropping the
	 * echoes of others' states the stock client sends back), charges the connection's awareness
	 * budget, puts the server's identity into each state, and applies them (which relays them).
	 */
	receiveAwareness(connection: Connection, update: Uint8Array): void {
		const { name, category, color } = connection.identity;
		const entries = decodeAwarenessUpdate(update)
			.filter((entry) => {
				if (entry.clientId === this.awareness.clientID) return false;
				const known = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
				const claim = { removal: entry.state === null, newer: entry.clock > known };
				return this.#owners.claim(entry.clientId, connection, claim);
			})
			.map((entry) => withServerIdentity(entry, { name, category, color }));
		if (entries.length === 0 || !connection.takeAwarenessToken()) return;
		applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), connection);
	}

	/** Sends every current awareness state to one connection (encoded once per change). */
	sendAwarenessStates(connection: Connection): void {
		const message = this.#relay.fullStateMessage(connection.awarenessView);
		if (message) connection.send(message);
	}

	/** The awareness update of `clients` with each owner's name as a viewer of pseudonyms sees it. */
	#pseudonymousAwareness(clients: readonly number[]): Uint8Array {
		const states = this.awareness.getStates();
		const entries = clients.map((clientId): AwarenessEntry => {
			const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
			const state = (states.get(clientId) as Record<string, unknown> | undefined) ?? null;
			const owner = this.#owners.ownerOf(clientId);
			if (!state || !owner) return { clientId, clock, state };
			const { category, color } = owner.identity;
			const name = nameSeenBy(owner.identity, { seesPseudonyms: true });
			return withServerIdentity({ clientId, clock, state }, { name, category, color });
		});
		return encodeAwarenessUpdate(entries);
	}

	/** Once every accepted update is stored, writes a snapshot if any was logged since the last. */
	async persist(): Promise<void> {
		await this.#updateLog.snapshotIfBehind();
	}

	/**
	 * Server shutdown: stops taking messages, stores the log and a snapshot (giving up after
	 * `SHUTDOWN_FLUSH_TIMEOUT_MS`), closes every socket with `code`, then destroys the room.
	 */
	async shutdown(code: number = CloseCode.Restarting): Promise<void> {
		this.#accepting = false;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), SHUTDOWN_FLUSH_TIMEOUT_MS);
		});
		const outcome = await Promise.race([this.persist(), timeout]);
		clearTimeout(timer);
		if (outcome === 'timeout') {
			this.#log.error('shutdown: the update log could not be written in time');
			this.#updateLog.stop();
		}
		await Promise.all(
			[...this.connections].map((connection) =>
				connection.closeAndWait(code, 'server restarting', CLOSE_GRACE_MS)
			)
		);
		this.destroy();
	}

	/** Frees the document and awareness (the room must be persisted and empty). Idempotent. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#accepting = false;
		this.#updateLog.stop();
		this.#remote.close();
		this.#relay.stop();
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('change', this.#onAwarenessChange);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}

	readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#sync.invalidate();
		if (origin === LOAD_ORIGIN) return;
		if (origin === REMOTE_ORIGIN) {
			// Stored by another instance: relayed at once, never logged again.
			const message = encodeUpdateMessage(update);
			for (const connection of this.connections) connection.send(message);
			return;
		}
		const author = origin instanceof Connection ? origin.identity : null;
		this.#updateLog.append({
			update,
			origin,
			authorId: author?.userId ?? null,
			category: author?.category ?? null
		});
	};

	#broadcastStored(entries: readonly LoggedUpdate[]): void {
		broadcastBatch({ entries, receivers: this.connections });
	}

	// 'change' is emitted (before 'update') only when a state really changed; 'update' also for
	// renewals, which can wait longer.
	readonly #onAwarenessChange = (change: AwarenessChange): void => {
		const clientIds = [...change.added, ...change.updated, ...change.removed];
		this.#relay.changed({ clientIds, renewalOnly: false });
	};

	readonly #onAwarenessUpdate = (change: AwarenessChange, origin: unknown): void => {
		const clientIds = [...change.added, ...change.updated, ...change.removed];
		if (clientIds.length === 0) return;
		if (origin instanceof Connection) {
			this.#remote.publishAwareness(encodeAwarenessStates(this.awareness, clientIds));
		}
		this.#relay.changed({ clientIds, renewalOnly: true });
	};
}
