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
import { CategoryIndex, ClientOwners } from './attribution.ts';
import { wouldExceedObjects } from './board-limits.ts';
import { broadcastBatch } from './broadcast.ts';
import type { WritePolicy } from './facilitation/write-policy.ts';
import { Connection, type MessageSink } from './connection.ts';
import { encodeUpdateMessage } from './protocol.ts';
import type { BoardChannel } from './redis-bus.ts';
import { REMOTE_ORIGIN, RemoteSync } from './remote-sync.ts';
import { SyncCache } from './sync-cache.ts';
import { LOAD_ORIGIN, type LoadedBoard } from '../../src/lib/server/history/store.ts';
import {
	NO_CONTENT_LIMITS,
	reviewUpdate,
	type Accepted,
	type ContentLimits,
	type Refusal,
	type RefusalReason
} from './update-guard.ts';
import type { LogJournal } from './log-journal.ts';
import { UpdateLog, type LogStore, type LoggedUpdate } from './update-log.ts';

/**
 * Refusals that only say an update is ahead of what the document holds (it follows structs not
 * received yet). Before a connection's sync answer they are expected and the update is dropped;
 * after it they are refused (4422).
 */
const AHEAD: ReadonlySet<RefusalReason> = new Set(['gap', 'missing-reference', 'future-delete']);

/** How long a shutdown waits for the log to be written before giving up, in milliseconds. */
export const SHUTDOWN_FLUSH_TIMEOUT_MS = 10_000;
/** How long a closing socket may take to answer the close frame, in milliseconds. */
export const CLOSE_GRACE_MS = 1000;

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** Size limits of a board (`config.ts`: `MAX_TEXT_CHARS`, `MAX_VALUE_BYTES`, …). */
export interface BoardLimits extends ContentLimits {
	/** Encoded size the document may reach, in bytes. */
	maxBoardBytes: number;
	/** Bytes one awareness state may weigh, JSON-encoded. */
	maxAwarenessStateBytes: number;
}

/** Limits that let everything through (the default, and unit tests of other rules). */
export const NO_BOARD_LIMITS: BoardLimits = {
	...NO_CONTENT_LIMITS,
	maxBoardBytes: Number.POSITIVE_INFINITY,
	maxAwarenessStateBytes: Number.POSITIVE_INFINITY
};

/**
 * Origin of a change the server makes on someone's behalf (e.g. restoring deleted objects from the
 * history): logged under that person's id and category, like their own updates.
 */
export class ActOf {
	constructor(
		readonly userId: string,
		readonly category: string | null
	) {}
}

/** The close code telling a client why its update was refused. */
const REFUSAL_CODES: Record<Refusal['reason'], CloseCode> = {
	'foreign-client-id': CloseCode.ClientIdTaken,
	gap: CloseCode.InvalidUpdate,
	'missing-reference': CloseCode.InvalidUpdate,
	'future-delete': CloseCode.InvalidUpdate,
	'unknown-root': CloseCode.InvalidUpdate,
	subdocument: CloseCode.InvalidUpdate,
	'forged-category': CloseCode.InvalidUpdate,
	'text-too-long': CloseCode.TooLarge,
	'value-too-large': CloseCode.TooLarge
};

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
	/** Sizes of texts, values, the document and awareness states; unlimited when absent. */
	limits?: BoardLimits;
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
	/** The board's Yjs client ids and their owners (`board_clients`), read with the board. */
	clientOwners?: ReadonlyArray<{ clientId: number; userId: string }>;
	/** Reads those owners again (another instance may have bound ids since the load). */
	loadClientOwners?: () => Promise<ReadonlyArray<{ clientId: number; userId: string }>>;
	/**
	 * The embedded database's journal: updates are broadcast once journaled, and committed to the
	 * database right after (`log-journal.ts`). Null or absent: broadcast once committed.
	 */
	journal?: LogJournal | null;
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
	readonly #limits: BoardLimits;
	/**
	 * The document's encoded size as last measured plus every update applied since: an upper bound,
	 * measured again (`Y.encodeStateAsUpdate`) only when it nears `maxBoardBytes`.
	 */
	#docBytes: number;
	readonly #writePolicy: WritePolicy | null;
	readonly #relay: AwarenessRelay;
	readonly #sync: SyncCache;
	readonly #clientOwners: ClientOwners;
	readonly #categories: CategoryIndex;
	readonly #loadClientOwners: RoomOptions['loadClientOwners'];
	#ownersReload: Promise<void> | null = null;
	/** Client ids the update being applied binds to its sender (logged with it). */
	#binding: number[] | null = null;
	#accepting = true;
	#destroyed = false;

	constructor(options: RoomOptions) {
		this.boardId = options.boardId;
		this.doc = options.doc;
		this.#log = options.log.child({ boardId: options.boardId });
		this.#maxObjects = options.maxObjectsPerBoard ?? Number.POSITIVE_INFINITY;
		this.#limits = options.limits ?? NO_BOARD_LIMITS;
		this.#docBytes = options.loaded.lastSnapshotBytes + options.loaded.bytesSinceSnapshot;
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
		this.#clientOwners = new ClientOwners(options.clientOwners);
		this.#categories = new CategoryIndex(this.doc);
		this.#loadClientOwners = options.loadClientOwners;
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
			store: options.store,
			journal: options.journal
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

	/** Resolves once every update accepted so far is stored. */
	stored(): Promise<void> {
		return this.#updateLog.flushed();
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
	 * nothing new) is ignored; any other closes the connection with 4403, nothing applied. A writer's
	 * update is reviewed first (`update-guard.ts`: client ids, clocks, references, deletes,
	 * categories), then checked against the object limit (4507) and the locks (4423); the first
	 * failed check closes its sender and nothing of the update is applied.
	 */
	receiveUpdate(connection: Connection, update: Uint8Array, catchingUp = false): void {
		// Decoding the whole update first: a truncated one must not be half-applied.
		const decoded = Y.decodeUpdate(update);
		if (!connection.identity.writable) {
			if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return;
			connection.log.info({ role: connection.identity.role }, 'read-only connection sent an edit');
			connection.close(CloseCode.Forbidden, 'read-only');
			return;
		}
		const { userId, category } = connection.identity;
		const review = reviewUpdate({
			doc: this.doc,
			decoded,
			userId,
			category,
			owners: this.#clientOwners,
			categories: this.#categories,
			limits: this.#limits
		});
		if (review.refusal) {
			if (catchingUp && AHEAD.has(review.refusal.reason)) {
				// After a reconnect the stock client sends its new edits as soon as the socket opens,
				// before it answers our step 1; what this instance lacks of its own (an instance that
				// died before storing it) then shows as a gap. Dropped, never applied: the answer
				// (step 2) carries this update too, with what it follows, and is reviewed in full.
				connection.log.info(
					{ reason: review.refusal.reason, detail: review.refusal.detail },
					'update ahead of the sync answer: dropped, the answer brings it'
				);
				return;
			}
			return this.#refuse(connection, review.refusal);
		}
		const binding = this.#bindingFor(connection, review);
		if (!binding) return;
		if (wouldExceedObjects(this.doc, decoded.structs, this.#maxObjects)) {
			connection.log.info({ maxObjects: this.#maxObjects }, 'board full: update refused');
			connection.close(CloseCode.BoardFull, 'board full');
			return;
		}
		// A resend of what the board holds (a reconnecting client's answer) adds nothing.
		if (review.adds && !this.#fits(update)) {
			connection.log.info(
				{ maxBoardBytes: this.#limits.maxBoardBytes },
				'board too large: refused'
			);
			connection.close(CloseCode.BoardFull, 'board too large');
			return;
		}
		if (!this.#allowedByPolicy(connection, update)) {
			connection.log.info('update refused: it changes something locked');
			connection.close(CloseCode.Locked, 'locked');
			return;
		}
		for (const clientId of binding) this.#clientOwners.bind(clientId, userId);
		this.#binding = binding;
		try {
			Y.applyUpdate(this.doc, update, connection);
		} finally {
			this.#binding = null;
		}
		const { pendingStructs, pendingDs } = this.doc.store;
		if (pendingStructs || pendingDs) {
			// Unreachable once reviewed; logged loudly should Yjs ever disagree with the review.
			this.#log.error({ connectionId: connection.id }, 'an accepted update left pending structs');
		}
	}

	/** True when nothing the room applied is waiting for missing structs (asserted by tests). */
	get nothingPending(): boolean {
		return this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
	}

	/** True when the document stays within `maxBoardBytes` with `update` in. */
	#fits(update: Uint8Array): boolean {
		const max = this.#limits.maxBoardBytes;
		if (this.#docBytes + update.byteLength <= max) return true;
		this.#docBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
		return this.#docBytes + update.byteLength <= max;
	}

	#refuse(connection: Connection, refusal: Refusal): void {
		connection.log.warn(
			{ reason: refusal.reason, detail: refusal.detail, userId: connection.userId },
			'update refused'
		);
		connection.close(REFUSAL_CODES[refusal.reason], refusal.reason);
	}

	/**
	 * The client ids a reviewed update binds to its sender, or null when one may not be bound (the
	 * sender is then closed). A free id is bound unless another person's connection holds it in
	 * awareness (where the stock client announces its document's id before writing). An id whose
	 * structs the document already holds but whose owner this instance does not know was bound
	 * elsewhere or before bindings existed: the owners are read again and the sender told to retry
	 * (4510); once the database is known to hold no owner, the connection announcing that id in
	 * awareness may take it.
	 */
	#bindingFor(connection: Connection, review: Accepted): number[] | null {
		const history = new Set(review.unboundWithHistory);
		for (const clientId of review.unboundClients) {
			const announcer = this.#owners.ownerOf(clientId);
			if (announcer !== undefined && announcer.userId !== connection.userId) {
				this.#refuse(connection, {
					reason: 'foreign-client-id',
					detail: `client ${clientId} announced by another person`
				});
				return null;
			}
			const verified = this.#clientOwners.knownUnbound(clientId) && announcer === connection;
			if (history.has(clientId) && !verified) {
				this.#reloadClientOwners(review.unboundWithHistory);
				connection.log.info({ clientId }, 'client id not verified here yet: reading owners');
				connection.close(CloseCode.ClientIdUnverified, 'client id not verified yet');
				return null;
			}
		}
		return review.unboundClients;
	}

	#reloadClientOwners(asked: readonly number[]): void {
		const load = this.#loadClientOwners;
		if (!load || this.#ownersReload) return;
		this.#ownersReload = load()
			.then((rows) => {
				this.#clientOwners.load(rows);
				this.#clientOwners.markUnboundInDatabase(asked);
			})
			.catch((error: unknown) => this.#log.warn({ err: error }, 'client owners reload failed'))
			.finally(() => (this.#ownersReload = null));
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
		const maxStateBytes = this.#limits.maxAwarenessStateBytes;
		const entries = decodeAwarenessUpdate(update)
			.filter((entry) => {
				if (entry.clientId === this.awareness.clientID) return false;
				if (entry.state && JSON.stringify(entry.state).length > maxStateBytes) {
					connection.log.info({ maxStateBytes }, 'awareness state too large: dropped');
					return false;
				}
				const known = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
				const claim = { removal: entry.state === null, newer: entry.clock > known };
				return this.#owners.claim(entry.clientId, connection, claim);
			})
			.map((entry) => withServerIdentity(entry, { name, category, color }));
		if (entries.length === 0 || !connection.takeAwarenessToken()) return;
		applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), connection);
	}

	/**
	 * Puts each connection's current name into the awareness states it owns (after the workshop's
	 * anonymous mode changed), relayed to everyone as if the owner had sent them: nobody reconnects.
	 */
	renewAwarenessIdentities(): void {
		const states = this.awareness.getStates();
		for (const connection of this.connections) {
			const { name, category, color } = connection.identity;
			const entries = [...connection.clientIds].flatMap((clientId): AwarenessEntry[] => {
				const state = (states.get(clientId) as Record<string, unknown> | undefined) ?? null;
				if (!state) return [];
				const clock = (this.awareness.meta.get(clientId)?.clock ?? 0) + 1;
				return [withServerIdentity({ clientId, clock, state }, { name, category, color })];
			});
			if (entries.length === 0) continue;
			applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), connection);
		}
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
		this.#categories.destroy();
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('change', this.#onAwarenessChange);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}

	readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#sync.invalidate();
		if (origin === LOAD_ORIGIN) return;
		this.#docBytes += update.byteLength;
		if (origin === REMOTE_ORIGIN) {
			// Stored by another instance: relayed at once, never logged again.
			const message = encodeUpdateMessage(update);
			for (const connection of this.connections) connection.send(message);
			return;
		}
		const author =
			origin instanceof Connection ? origin.identity : origin instanceof ActOf ? origin : null;
		this.#updateLog.append({
			update,
			origin,
			authorId: author?.userId ?? null,
			category: author?.category ?? null,
			bindsClients: author && this.#binding?.length ? this.#binding : undefined
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
