import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { encodeAwarenessMessage } from './protocol.ts';

/** Default delay grouping awareness changes into one broadcast, in milliseconds (`AWARENESS_FLUSH_MS`). */
export const AWARENESS_FLUSH_MS = 40;
/**
 * Delay before relaying renewals that change nothing (the stock client re-announces its state every
 * 15 s; others drop a state not renewed for 30 s), in milliseconds.
 */
export const AWARENESS_RENEWAL_FLUSH_MS = 2000;
/**
 * Bytes waiting in a socket's send buffer beyond which awareness is held back for it (document
 * updates never are): it gets the latest state of every client it missed once it drained.
 */
export const AWARENESS_CONGESTION_BYTES = 256 * 1024;

/** The view of receivers that see names (the default rendering of the states). */
export const NAMES_VIEW = 'names';
/** The view of receivers that see people by their pseudonym (evaluators, see `nameSeenBy`). */
export const PSEUDONYMS_VIEW = 'pseudonyms';

/** A receiver of awareness broadcasts: a connection, as far as this module cares. */
export interface AwarenessReceiver {
	/** Which rendering of the states it gets (e.g. names or pseudonyms); receivers of one view share bytes. */
	readonly awarenessView: string;
	/** Bytes queued on the socket and not yet written. */
	readonly bufferedAmount: number;
	send(message: Uint8Array): void;
	/** Client ids whose latest state this receiver missed while congested (kept by the relay). */
	missedAwareness: Set<number> | null;
}

/** Options of an `AwarenessRelay`. */
export interface AwarenessRelayOptions {
	awareness: Awareness;
	/** The receivers of the room, at the moment of a broadcast. */
	receivers(): Iterable<AwarenessReceiver>;
	/**
	 * Encodes the states of `clientIds` (known ids only) as `view` renders them, as an awareness
	 * update (default: as the server's `Awareness` holds them, whatever the view).
	 */
	encode?(input: { clientIds: number[]; view: string }): Uint8Array;
	/** Delay grouping changes (default `AWARENESS_FLUSH_MS`); 0 still groups within one turn. */
	flushMs?: number;
	renewalFlushMs?: number;
	congestionBytes?: number;
}

/**
 * Awareness as a lossy channel. Changes are gathered per client id for `flushMs` and broadcast as
 * one message holding the latest state of each changed client, encoded once for every receiver: a
 * cursor moving at 60 Hz costs at most one entry per flush, and the fan-out costs one frame per
 * receiver per flush instead of one per incoming message. Renewals that change nothing wait longer
 * (`renewalFlushMs`). A receiver whose socket is congested skips broadcasts and gets, once it
 * drained, the latest state (or removal) of every client it missed. The sender of a state is
 * included (the stock client ignores a state of its own that is not newer).
 */
export class AwarenessRelay {
	readonly #awareness: Awareness;
	readonly #receivers: () => Iterable<AwarenessReceiver>;
	readonly #encodeUpdate: (input: { clientIds: number[]; view: string }) => Uint8Array;
	readonly #flushMs: number;
	readonly #renewalFlushMs: number;
	readonly #congestionBytes: number;
	readonly #dirty = new Set<number>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#due = Number.POSITIVE_INFINITY;
	readonly #fullFrames = new Map<string, Uint8Array>();
	#stopped = false;

	constructor(options: AwarenessRelayOptions) {
		this.#awareness = options.awareness;
		this.#receivers = options.receivers;
		this.#encodeUpdate =
			options.encode ?? (({ clientIds }) => encodeAwarenessUpdate(this.#awareness, clientIds));
		this.#flushMs = options.flushMs ?? AWARENESS_FLUSH_MS;
		this.#renewalFlushMs = options.renewalFlushMs ?? AWARENESS_RENEWAL_FLUSH_MS;
		this.#congestionBytes = options.congestionBytes ?? AWARENESS_CONGESTION_BYTES;
	}

	/** Records changed client ids; `renewalOnly` when their states did not change (a heartbeat). */
	changed({
		clientIds,
		renewalOnly
	}: {
		clientIds: readonly number[];
		renewalOnly: boolean;
	}): void {
		if (this.#stopped || clientIds.length === 0) return;
		for (const id of clientIds) this.#dirty.add(id);
		this.#fullFrames.clear();
		this.#schedule(renewalOnly ? this.#renewalFlushMs : this.#flushMs);
	}

	/** One message with every current state as `view` renders them (cached until the next change). */
	fullStateMessage(view: string): Uint8Array | null {
		const cached = this.#fullFrames.get(view);
		if (cached) return cached;
		const message = this.#encode([...this.#awareness.getStates().keys()], view);
		if (message) this.#fullFrames.set(view, message);
		return message;
	}

	/** Broadcasts what changed since the last flush (normally called by the timer). */
	flush(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#due = Number.POSITIVE_INFINITY;
		if (this.#stopped) return;
		const changed = [...this.#dirty];
		this.#dirty.clear();
		const messages = new Map<string, Uint8Array | null>();
		for (const receiver of this.#receivers()) {
			const view = receiver.awarenessView;
			if (receiver.bufferedAmount > this.#congestionBytes) {
				receiver.missedAwareness ??= new Set();
				for (const id of changed) receiver.missedAwareness.add(id);
			} else if (receiver.missedAwareness) {
				const missed = receiver.missedAwareness;
				receiver.missedAwareness = null;
				for (const id of changed) missed.add(id);
				const catchUp = this.#encode([...missed], view);
				if (catchUp) receiver.send(catchUp);
			} else if (changed.length > 0) {
				let message = messages.get(view);
				if (message === undefined) messages.set(view, (message = this.#encode(changed, view)));
				if (message) receiver.send(message);
			}
		}
		// Congested receivers are looked at again, even if nothing changes meanwhile.
		if (this.#anyMissed()) this.#schedule(this.#flushMs);
	}

	/** Stops the timer; later changes are ignored. */
	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#dirty.clear();
	}

	#encode(clientIds: number[], view: string): Uint8Array | null {
		// Ids without meta (never seen) cannot be encoded; encodeAwarenessUpdate would throw.
		const known = clientIds.filter((id) => this.#awareness.meta.has(id));
		if (known.length === 0) return null;
		return encodeAwarenessMessage(this.#encodeUpdate({ clientIds: known, view }));
	}

	#anyMissed(): boolean {
		for (const receiver of this.#receivers()) if (receiver.missedAwareness) return true;
		return false;
	}

	#schedule(delayMs: number): void {
		const due = performance.now() + delayMs;
		if (this.#timer && due >= this.#due) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#due = due;
		this.#timer = setTimeout(() => this.flush(), delayMs);
	}
}
