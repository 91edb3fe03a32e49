import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@redis/client';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';

/**
 * The Redis side of several instances: one publisher and one subscriber connection per process,
 * one channel per open board (`<prefix>board:<boardId>`) carrying stored update batches and
 * awareness updates, each stamped with the sending instance's id (an instance ignores its own).
 * Redis is a fan-out, never a store: while it is away, publishing fails fast (no offline queue),
 * every instance keeps serving its own clients, and rooms catch up from the database on `ready`.
 */

/** node-redis and socket.io's Redis adapter, which only a process given `REDIS_URL` loads. */
export interface RedisLibraries {
	createClient: typeof import('@redis/client').createClient;
	createAdapter: typeof import('@socket.io/redis-adapter').createAdapter;
}

/**
 * Loads `RedisLibraries`. Imported on demand: node-redis alone is about 150 ms of a start's CPU
 * (hundreds of CommonJS files), spent for nothing by a single instance.
 */
export function loadRedisLibraries(): Promise<RedisLibraries> {
	return import('./redis-libraries.ts');
}

/** Delay between two reconnection attempts to Redis, at most, in milliseconds. */
export const REDIS_RETRY_MAX_MS = 2000;

const KIND_UPDATES = 0;
const KIND_AWARENESS = 1;

/** A batch of stored updates another instance published (seqs `firstSeq`, `firstSeq + 1`, …). */
export interface RemoteUpdates {
	kind: 'updates';
	instanceId: string;
	/** When it was published, in ms since the epoch (sender's clock). */
	sentAt: number;
	firstSeq: number;
	updates: Uint8Array[];
}

/** An awareness update another instance relayed from one of its clients. */
export interface RemoteAwareness {
	kind: 'awareness';
	instanceId: string;
	sentAt: number;
	update: Uint8Array;
}

/** What arrives on a board's channel. */
export type BoardMessage = RemoteUpdates | RemoteAwareness;

/** Encodes a bus message (exported for unit tests). */
export function encodeBoardMessage(message: BoardMessage): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeUint8(encoder, message.kind === 'updates' ? KIND_UPDATES : KIND_AWARENESS);
	encoding.writeVarString(encoder, message.instanceId);
	encoding.writeFloat64(encoder, message.sentAt);
	if (message.kind === 'awareness') {
		encoding.writeVarUint8Array(encoder, message.update);
		return encoding.toUint8Array(encoder);
	}
	encoding.writeVarUint(encoder, message.firstSeq);
	encoding.writeVarUint(encoder, message.updates.length);
	for (const update of message.updates) encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Decodes a bus message; throws on anything malformed. */
export function decodeBoardMessage(bytes: Uint8Array): BoardMessage {
	const decoder = decoding.createDecoder(bytes);
	const kind = decoding.readUint8(decoder);
	const instanceId = decoding.readVarString(decoder);
	const sentAt = decoding.readFloat64(decoder);
	if (kind === KIND_AWARENESS) {
		return { kind: 'awareness', instanceId, sentAt, update: decoding.readVarUint8Array(decoder) };
	}
	if (kind !== KIND_UPDATES) throw new Error(`unknown bus message kind ${kind}`);
	const firstSeq = decoding.readVarUint(decoder);
	const count = decoding.readVarUint(decoder);
	const updates: Uint8Array[] = [];
	for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
	return { kind: 'updates', instanceId, sentAt, firstSeq, updates };
}

/** One board's channel, as a room sees it. */
export interface BoardChannel {
	/** Publishes a stored batch (best effort: lost while Redis is away, caught up from the DB). */
	publishUpdates(firstSeq: number, updates: readonly Uint8Array[]): void;
	/** Publishes an awareness update (best effort). */
	publishAwareness(update: Uint8Array): void;
	/** Delivers the messages of other instances to `handler`, starting with those buffered so far. */
	listen(handler: (message: BoardMessage) => void): void;
	/** Unsubscribes. */
	close(): void;
}

/** The process's Redis connections for the Yjs fan-out. */
export class RedisBus {
	/** This process's id on the bus. */
	readonly instanceId = randomUUID();
	readonly #publisher: RedisClientType;
	readonly #subscriber: RedisClientType;
	readonly #prefix: string;
	readonly #log: Logger;
	readonly #readyListeners = new Set<() => void>();
	#closed = false;

	constructor(input: { url: string; prefix: string; log: Logger; libraries: RedisLibraries }) {
		this.#prefix = input.prefix;
		this.#log = input.log.child({ component: 'redis-bus' });
		this.#publisher = connectClient({
			libraries: input.libraries,
			url: input.url,
			log: this.#log,
			role: 'publisher',
			offlineQueue: false
		});
		this.#subscriber = connectClient({
			libraries: input.libraries,
			url: input.url,
			log: this.#log,
			role: 'subscriber',
			offlineQueue: true
		});
		// Resubscribing is node-redis's job; catching up what was published meanwhile is the rooms'.
		this.#subscriber.on('ready', () => {
			for (const listener of this.#readyListeners) listener();
		});
	}

	/** True while both connections are up. */
	get ready(): boolean {
		return this.#publisher.isReady && this.#subscriber.isReady;
	}

	/** Calls `listener` each time the subscriber (re)connects; returns the unsubscribe function. */
	onReady(listener: () => void): () => void {
		this.#readyListeners.add(listener);
		return () => this.#readyListeners.delete(listener);
	}

	/** Round trip of a PING through the publisher, in milliseconds (null when Redis is away). */
	async ping(): Promise<number | null> {
		if (!this.#publisher.isReady) return null;
		const started = performance.now();
		await this.#publisher.ping();
		return performance.now() - started;
	}

	/**
	 * Subscribes to a board's channel. Resolves once subscribed, or at once while Redis is away
	 * (the subscription is then made on reconnection, and the room catches up from the database).
	 * Messages arriving before `listen` are buffered, so a room subscribes before loading.
	 */
	async open(boardId: string): Promise<BoardChannel> {
		const name = `${this.#prefix}board:${boardId}`;
		let handler: ((message: BoardMessage) => void) | null = null;
		const buffered: BoardMessage[] = [];
		const onMessage = (raw: Buffer) => {
			let message: BoardMessage;
			try {
				message = decodeBoardMessage(new Uint8Array(raw));
			} catch (error) {
				this.#log.warn({ err: error, boardId }, 'malformed bus message dropped');
				return;
			}
			if (message.instanceId === this.instanceId) return;
			if (handler) handler(message);
			else buffered.push(message);
		};
		const subscribed = this.#subscriber.subscribe(name, onMessage, true).catch((error: unknown) => {
			this.#log.warn({ err: error, boardId }, 'board channel subscription failed');
		});
		if (this.#subscriber.isReady) await subscribed;
		return {
			publishUpdates: (firstSeq, updates) =>
				this.#publish(name, { kind: 'updates', firstSeq, updates: [...updates] }),
			publishAwareness: (update) => this.#publish(name, { kind: 'awareness', update }),
			listen: (next) => {
				handler = next;
				for (const message of buffered.splice(0)) next(message);
			},
			close: () => {
				handler = null;
				if (this.#closed) return;
				this.#subscriber.unsubscribe(name, onMessage, true).catch(() => {});
			}
		};
	}

	/** Closes both connections. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#readyListeners.clear();
		await Promise.allSettled([this.#publisher.close(), this.#subscriber.close()]);
	}

	#publish(
		channel: string,
		body:
			Omit<RemoteUpdates, 'instanceId' | 'sentAt'> | Omit<RemoteAwareness, 'instanceId' | 'sentAt'>
	): void {
		if (this.#closed || !this.#publisher.isReady) return;
		const message = { ...body, instanceId: this.instanceId, sentAt: Date.now() } as BoardMessage;
		this.#publisher
			.publish(channel, Buffer.from(encodeBoardMessage(message)))
			.catch((error: unknown) => this.#log.warn({ err: error }, 'bus publish failed'));
	}
}

/** Last time a connection error was logged, per role (errors repeat on every retry). */
const lastErrorLogged = new Map<string, number>();
/** Connection errors of one Redis client are logged at most once per this period, in ms. */
const ERROR_LOG_EVERY_MS = 10_000;

/**
 * A node-redis client that reconnects forever (at most `REDIS_RETRY_MAX_MS` apart), connecting in
 * the background: the server starts and serves without Redis.
 */
export function connectClient(input: {
	libraries: RedisLibraries;
	url: string;
	log: Logger;
	role: string;
	offlineQueue: boolean;
}): RedisClientType {
	const client: RedisClientType = input.libraries.createClient({
		url: input.url,
		disableOfflineQueue: !input.offlineQueue,
		socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, REDIS_RETRY_MAX_MS) }
	});
	client.on('error', (error: unknown) => {
		const now = Date.now();
		if (now - (lastErrorLogged.get(input.role) ?? 0) < ERROR_LOG_EVERY_MS) return;
		lastErrorLogged.set(input.role, now);
		input.log.warn({ err: error, role: input.role }, 'redis connection error');
	});
	client.on('ready', () => input.log.info({ role: input.role }, 'redis connected'));
	client.connect().catch((error: unknown) => {
		input.log.error({ err: error, role: input.role }, 'redis client gave up');
	});
	return client;
}

/**
 * socket.io's Redis adapter (`@socket.io/redis-adapter`) on its own two connections, with
 * channels under `<prefix>socket.io`: room broadcasts, `fetchSockets()` and `serverSideEmit()`
 * reach every instance. While Redis is away, broadcasts wait in the publisher's offline queue.
 */
export function socketIoRedisAdapter(input: {
	url: string;
	prefix: string;
	log: Logger;
	libraries: RedisLibraries;
}) {
	const { url, libraries } = input;
	const log = input.log.child({ component: 'socket.io-adapter' });
	const publisher = connectClient({ libraries, url, log, role: 'io-pub', offlineQueue: true });
	const subscriber = connectClient({ libraries, url, log, role: 'io-sub', offlineQueue: true });
	return {
		adapter: libraries.createAdapter(publisher, subscriber, {
			key: `${input.prefix}socket.io`,
			requestsTimeout: 2000
		}),
		close: async () => {
			await Promise.allSettled([publisher.close(), subscriber.close()]);
		}
	};
}
