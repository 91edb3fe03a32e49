import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import type { BoardIdentity } from './access.ts';
import type { AwarenessOwner } from './awareness.ts';
import { NAMES_VIEW, PSEUDONYMS_VIEW } from './awareness-relay.ts';
import { readClientMessage, type ClientMessage } from './protocol.ts';
import { TokenBucket } from './rate-limit.ts';

/**
 * Default sustained document messages (sync step 1, step 2, updates) per second, also the burst;
 * beyond it the connection is closed (4429). Configurable: `DOC_MESSAGES_PER_SECOND`.
 */
export const DOC_MESSAGES_PER_SECOND = 300;
/**
 * Default awareness messages about its own client ids per second (and burst); the excess is
 * dropped. Configurable: `AWARENESS_MESSAGES_PER_SECOND`.
 */
export const AWARENESS_MESSAGES_PER_SECOND = 30;
/**
 * Awareness messages of any kind per second (and burst), beyond which they are dropped unread.
 * Higher than the cap above because the stock client echoes every state it receives from others
 * back to the server; those echoes are dropped after decoding and must not use up the budget of
 * the client's own cursor.
 */
export const AWARENESS_INTAKE_PER_SECOND = 1000;
/** Bytes waiting in a socket's send buffer beyond which the client is considered gone. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Interval between keep-alive pings, in milliseconds; a socket that missed one pong is dropped. */
export const KEEPALIVE_INTERVAL_MS = 30_000;

/** Per-connection message rates (see `Config`). */
export interface ConnectionLimits {
	/** Sustained document messages per second (also the burst). */
	docMessagesPerSecond: number;
	/** The connection's own awareness messages per second (and burst). */
	awarenessMessagesPerSecond: number;
}

/** What a room does with the messages of its connections (implemented by `Room`). */
export interface MessageSink {
	/** False while the room shuts down: messages are then ignored. */
	readonly accepting: boolean;
	answerSyncStep1(connection: Connection, stateVector: Uint8Array): void;
	/**
	 * `catchingUp`: the client has not answered the server's sync step 1 yet, so an update ahead
	 * of what the server holds may be its new edits racing that answer (see `Room.receiveUpdate`).
	 */
	receiveUpdate(connection: Connection, update: Uint8Array, catchingUp: boolean): void;
	receiveAwareness(connection: Connection, update: Uint8Array): void;
	sendAwarenessStates(connection: Connection): void;
	/** The connection closed: forget it (and its awareness states). */
	detach(connection: Connection): void;
}

/**
 * The frame as a Uint8Array that owns its whole ArrayBuffer. lib0's `readVarUint8Array` trusts the
 * length prefix and builds a view on the underlying buffer without a bounds check: on a slice of
 * Node's shared socket buffer, a lying prefix would read other bytes instead of failing.
 */
function toBytes(data: RawData): Uint8Array {
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	const bytes = Array.isArray(data) ? Buffer.concat(data) : data;
	const ownsBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
	return ownsBuffer ? bytes : new Uint8Array(bytes);
}

/**
 * One client's websocket on one board: its server-decided identity, rate limits, keep-alive state,
 * and the decoding of its frames, each handled in its own try/catch.
 */
export class Connection implements AwarenessOwner {
	/** Short random id for logs. */
	readonly id = randomBytes(6).toString('hex');
	/** Who is on the other end, as the server decided at the upgrade. */
	readonly identity: BoardIdentity;
	/** Awareness client ids this connection owns (see `AwarenessOwners`). */
	readonly clientIds = new Set<number>();
	readonly log: Logger;
	/** Set on every pong or message; cleared by each keep-alive round. */
	alive = true;
	/** Awareness client ids whose latest state this socket missed while congested (`AwarenessRelay`). */
	missedAwareness: Set<number> | null = null;
	readonly #ws: WebSocket;
	readonly #sink: MessageSink;
	readonly #docBucket: TokenBucket;
	readonly #awarenessBucket: TokenBucket;
	readonly #awarenessIntake = new TokenBucket(
		AWARENESS_INTAKE_PER_SECOND,
		AWARENESS_INTAKE_PER_SECOND
	);
	#closing = false;
	readonly #closed: Promise<void>;
	/** True once the client sent sync step 2 (its answer to the step 1 sent on attach). */
	#answeredSync = false;

	constructor(input: {
		ws: WebSocket;
		identity: BoardIdentity;
		sink: MessageSink;
		log: Logger;
		/** Per-connection rates (defaults: the constants above); from the configuration. */
		limits?: ConnectionLimits;
		/** Called once the socket is closed and the room forgot it. */
		onClosed(): void;
	}) {
		const docRate = input.limits?.docMessagesPerSecond ?? DOC_MESSAGES_PER_SECOND;
		const awarenessRate = input.limits?.awarenessMessagesPerSecond ?? AWARENESS_MESSAGES_PER_SECOND;
		this.#docBucket = new TokenBucket(docRate, docRate);
		this.#awarenessBucket = new TokenBucket(awarenessRate, awarenessRate);
		this.identity = input.identity;
		this.#ws = input.ws;
		this.#sink = input.sink;
		this.log = input.log.child({ boardId: input.identity.boardId, connectionId: this.id });
		this.#ws.on('message', (data) => this.receive(toBytes(data)));
		this.#ws.on('pong', () => (this.alive = true));
		this.#ws.on('error', (error: Error & { code?: string }) =>
			this.log.warn({ reason: error.message, code: error.code }, 'websocket error: closing')
		);
		this.#closed = new Promise((resolve) => {
			this.#ws.once('close', (code) => {
				this.#closing = true;
				this.log.debug({ code }, 'connection closed');
				try {
					this.#sink.detach(this);
				} finally {
					input.onClosed();
					resolve();
				}
			});
		});
	}

	/** Bytes queued on the socket and not yet written (awareness is held back beyond a threshold). */
	get bufferedAmount(): number {
		return this.#ws.bufferedAmount;
	}

	/** How this socket's person sees others in awareness: by name or by pseudonym. */
	get awarenessView(): string {
		return this.identity.seesPseudonyms ? PSEUDONYMS_VIEW : NAMES_VIEW;
	}

	/** The user id (for awareness ownership). */
	get userId(): string {
		return this.identity.userId;
	}

	/**
	 * Sends one frame if the socket is open; never throws. A client that cannot keep up (more than
	 * `MAX_BUFFERED_BYTES` waiting) is dropped: it reconnects and catches up with a sync.
	 */
	send(message: Uint8Array): void {
		if (this.#closing || this.#ws.readyState !== WebSocket.OPEN) return;
		if (this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.log.warn({ buffered: this.#ws.bufferedAmount }, 'client too slow: terminating');
			this.#closing = true;
			this.#ws.terminate();
			return;
		}
		this.#ws.send(message);
	}

	/** Starts the closing handshake with `code`; later messages from the client are ignored. */
	close(code: number, reason = ''): void {
		if (this.#closing) return;
		this.#closing = true;
		this.#ws.close(code, reason);
	}

	/** Closes with `code` and resolves once the socket is gone (terminated after `graceMs`). */
	async closeAndWait(code: number, reason: string, graceMs: number): Promise<void> {
		this.close(code, reason);
		const timer = setTimeout(() => this.#ws.terminate(), graceMs);
		await this.#closed;
		clearTimeout(timer);
	}

	/** Takes one unit of this connection's own awareness budget; false: drop the message. */
	takeAwarenessToken(): boolean {
		return this.#awarenessBucket.take();
	}

	/** One keep-alive round: drops the socket if the previous ping got no answer, else pings. */
	checkAlive(): void {
		if (!this.alive) {
			this.log.info('no pong: terminating connection');
			this.#ws.terminate();
			return;
		}
		this.alive = false;
		if (this.#ws.readyState === WebSocket.OPEN) this.#ws.ping();
	}

	/** Handles one frame from the client. A broken frame closes this connection only (4400). */
	receive(data: Uint8Array): void {
		if (this.#closing || !this.#sink.accepting) return;
		this.alive = true;
		try {
			this.#dispatch(readClientMessage(data));
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			this.log.warn({ reason, bytes: data.length }, 'bad message: closing connection');
			this.close(CloseCode.BadMessage, 'bad message');
		}
	}

	#dispatch(message: ClientMessage): void {
		switch (message.type) {
			case 'sync-step-1':
			case 'update':
				if (!this.#docBucket.take()) {
					this.log.warn('too many document messages: closing connection');
					this.close(CloseCode.RateLimited, 'rate limited');
				} else if (message.type === 'update') {
					const catchingUp = !this.#answeredSync && !message.answer;
					if (message.answer) this.#answeredSync = true;
					this.#sink.receiveUpdate(this, message.update, catchingUp);
				} else {
					this.#sink.answerSyncStep1(this, message.stateVector);
				}
				return;
			case 'awareness':
				if (this.#awarenessIntake.take()) this.#sink.receiveAwareness(this, message.update);
				return;
			case 'query-awareness':
				if (this.#awarenessBucket.take()) this.#sink.sendAwarenessStates(this);
				return;
			case 'auth':
				this.log.debug('ignoring an auth message from a client');
				return;
		}
	}
}

/** Pings every connection `connections()` yields every `intervalMs`; returns a stop function. */
export function startKeepAlive(
	connections: () => Iterable<Connection>,
	intervalMs: number = KEEPALIVE_INTERVAL_MS
): () => void {
	const timer = setInterval(() => {
		for (const connection of connections()) connection.checkAlive();
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
