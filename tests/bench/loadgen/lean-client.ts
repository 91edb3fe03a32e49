import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Endpoint } from '../shared.ts';
import {
	EMPTY_STATE_VECTOR,
	EMPTY_UPDATE,
	Framer,
	HOCUSPOCUS_AUTH,
	MESSAGE,
	SYNC
} from './wire.ts';

/** What a client does with the messages it receives. */
export interface MessageSink {
	/** A document update (not the initial sync) or an awareness message arrived. */
	onBroadcast(client: LeanClient, kind: 'update' | 'awareness', data: Buffer): void;
}

/** Options of one client. */
export interface LeanClientOptions {
	endpoint: Endpoint;
	/** Identity index: selects the URL (ticket) and category. */
	index: number;
	sink?: MessageSink;
	/**
	 * A writer's own document (answers the server's sync step 1 from it), or a document the sync
	 * answer is applied to (a joining client). Receivers have none: they keep no state.
	 */
	doc?: Y.Doc;
	/** Apply the server's sync step 2 to `doc` (a joining client). */
	applySync?: boolean;
}

/**
 * A lean client of the y-websocket or Hocuspocus protocol. It does what the stock providers do on
 * the wire (sync step 1 on open, answers the server's step 1, sends updates and awareness, and for
 * Hocuspocus the auth message first) but keeps no document unless asked, so one core can drive
 * 1,000 of them. Received broadcasts go to the sink as raw bytes.
 */
export class LeanClient {
	readonly framer: Framer;
	/** Bytes of the initial state received from the server (its parts and the sync step 2). */
	syncBytes = 0;
	/** True once the server's sync step 2 arrived (what came before it is the initial state). */
	#synced = false;
	closed = false;
	closeCode: number | null = null;
	/** The last error met after the initial sync (a malformed or refused message), if any. */
	lastError: string | null = null;
	private socket: WebSocket | null = null;

	constructor(private readonly options: LeanClientOptions) {
		this.framer = new Framer(options.endpoint.protocol, options.endpoint.docName);
	}

	/** Identity index of this client. */
	get index(): number {
		return this.options.index;
	}

	/** Category of this client's identity. */
	get category(): string {
		const { categories } = this.options.endpoint;
		return categories[this.options.index % categories.length] ?? 'usager';
	}

	/** Connects and resolves once the server's sync step 2 arrived (and was applied). */
	connect(timeoutMs: number): Promise<void> {
		const { endpoint, index } = this.options;
		const url = endpoint.urls[index % endpoint.urls.length] as string;
		const socket = new WebSocket(url, endpoint.origin ? { origin: endpoint.origin } : {});
		this.socket = socket;
		return new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`no sync within ${timeoutMs} ms`));
				socket.terminate();
			}, timeoutMs);
			const fail = (error: Error) => {
				clearTimeout(timer);
				reject(error);
			};
			socket.on('unexpected-response', (_req, res) => {
				fail(new Error(`upgrade refused: HTTP ${res.statusCode}`));
				socket.terminate();
			});
			socket.on('error', fail);
			socket.on('close', (code) => {
				this.closed = true;
				this.closeCode = code;
				fail(new Error(`closed with ${code} before sync`));
			});
			socket.on('open', () => this.handshake());
			socket.on('message', (data: Buffer) => {
				try {
					if (this.handle(data)) {
						clearTimeout(timer);
						resolve();
					}
				} catch (error) {
					this.lastError = error instanceof Error ? error.message : String(error);
					fail(new Error(this.lastError));
				}
			});
		});
	}

	private handshake(): void {
		if (this.options.endpoint.protocol === 'hocuspocus') this.send(this.framer.auth(''));
		const doc = this.options.doc;
		this.send(this.framer.syncStep1(doc ? Y.encodeStateVector(doc) : EMPTY_STATE_VECTOR));
	}

	/** Handles one message; returns true when it was the server's sync step 2. */
	private handle(data: Buffer): boolean {
		const { type, decoder } = this.framer.parse(data);
		if (type === MESSAGE.AWARENESS) {
			this.options.sink?.onBroadcast(this, 'awareness', data);
		} else if (type === MESSAGE.SYNC) {
			const step = decoding.readVarUint(decoder);
			if (step === SYNC.UPDATE) {
				// Croisée sends a large board's initial state as updates, then a step 2 with the rest.
				if (!this.#synced) this.applyInitial(decoding.readVarUint8Array(decoder));
				this.options.sink?.onBroadcast(this, 'update', data);
			} else if (step === SYNC.STEP1) this.answerStep1(decoding.readVarUint8Array(decoder));
			else if (step === SYNC.STEP2) {
				this.applyInitial(decoding.readVarUint8Array(decoder));
				this.#synced = true;
				return true;
			}
		} else if (type === MESSAGE.AUTH) {
			const kind = decoding.readVarUint(decoder);
			// y-websocket: 0 = permission denied; Hocuspocus: its own auth sub-types.
			const denied =
				this.options.endpoint.protocol === 'hocuspocus'
					? kind === HOCUSPOCUS_AUTH.PERMISSION_DENIED
					: kind === 0;
			if (denied) throw new Error(`permission denied: ${decoding.readVarString(decoder)}`);
		}
		return false;
	}

	/** Counts (and applies, when asked) a part of the initial state. */
	private applyInitial(update: Uint8Array): void {
		this.syncBytes += update.byteLength;
		if (this.options.applySync && this.options.doc) Y.applyUpdate(this.options.doc, update);
	}

	private answerStep1(stateVector: Uint8Array): void {
		const doc = this.options.doc;
		const mine = doc && !this.options.applySync ? Y.encodeStateAsUpdate(doc, stateVector) : null;
		this.send(this.framer.syncStep2(mine ?? EMPTY_UPDATE));
	}

	/** Sends raw bytes if the socket is open. */
	send(message: Uint8Array): void {
		if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(message);
	}

	/** Sends a document update. */
	sendUpdate(update: Uint8Array): void {
		this.send(this.framer.update(update));
	}

	/** Watches for the socket closing after the initial sync. */
	onClose(listener: (code: number) => void): void {
		this.socket?.on('close', (code: number) => listener(code));
	}

	/** Closes the socket (normal closure) and waits up to `timeoutMs` for it to close. */
	close(timeoutMs = 2000): Promise<void> {
		const socket = this.socket;
		if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				socket.terminate();
				resolve();
			}, timeoutMs);
			socket.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
			socket.close(1000);
		});
	}
}
