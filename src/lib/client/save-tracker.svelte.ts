import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { messageYjsSyncStep2, writeSyncStep1 } from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * Whether this browser's edits are stored on the server (issue #7's "not saved yet" status).
 *
 * The protocol stays the stock y-websocket one. The Croisée server answers a sync step 1 only once
 * every update it received before is stored (`Room.answerSyncStep1` waits for the update log), and
 * a socket delivers messages in order. So after local edits the tracker sends a sync step 1 of its
 * own (a "barrier"); when its sync step 2 answer comes back, every edit made before the barrier is
 * stored. The server sends sync step 2 only in answer to a step 1, so answers pair with barriers in
 * order. The provider's own step 1 on connecting is answered before `sync`, and barriers are sent
 * only once synced; a lost connection drops the barriers in flight (the edits are sent again on
 * reconnection, and a new barrier follows them).
 */

/** What the save indicator shows. */
export type SaveState = 'saved' | 'saving' | 'offline';

/** Wait after a local edit before sending a barrier, in milliseconds (typing sends one, not 20). */
export const SAVE_BARRIER_DELAY_MS = 250;

/** Index of the sync message type in y-websocket's framing. */
const MESSAGE_SYNC = 0;

type SyncHandler = WebsocketProvider['messageHandlers'][number];

export class SaveTracker {
	/** Saved, saving, or offline (edits will be sent on reconnection). */
	state = $state<SaveState>('saved');

	readonly #provider: WebsocketProvider;
	readonly #doc: Y.Doc;
	readonly #original: SyncHandler;
	/** Local edits made so far, and how many of them are known to be stored. */
	#edits = 0;
	#stored = 0;
	/** For each barrier in flight, the number of edits it covers, oldest first. */
	#barriers: number[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(input: { provider: WebsocketProvider; doc: Y.Doc }) {
		this.#provider = input.provider;
		this.#doc = input.doc;
		const original = this.#provider.messageHandlers[MESSAGE_SYNC] as SyncHandler;
		this.#original = original;
		this.#provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, ...rest) => {
			// Taken before the provider handles the message: its `sync` event may send a new barrier.
			const covered =
				decoding.peekVarUint(decoder) === messageYjsSyncStep2 ? this.#barriers.shift() : undefined;
			original(encoder, decoder, provider, ...rest);
			if (covered !== undefined) this.#answered(covered);
		};
		this.#doc.on('update', this.#onUpdate);
		this.#provider.on('status', this.#onStatus);
		this.#provider.on('sync', this.#onSync);
	}

	#onUpdate = (_update: Uint8Array, origin: unknown) => {
		// Updates from the server arrive with the provider as origin; everything else is ours.
		if (origin === this.#provider) return;
		this.#edits++;
		this.#refresh();
		this.#scheduleBarrier();
	};

	#onStatus = ({ status }: { status: string }) => {
		if (status !== 'connected') this.#barriers = [];
		this.#refresh();
	};

	#onSync = (synced: boolean) => {
		if (!synced) return;
		// Edits made offline were sent when the server's step 1 came in: one barrier covers them.
		if (this.#stored < this.#edits) this.#sendBarrier();
		this.#refresh();
	};

	/** A barrier's answer came: the `covered` first edits are stored. */
	#answered(covered: number) {
		this.#stored = Math.max(this.#stored, covered);
		this.#refresh();
	}

	#scheduleBarrier() {
		if (this.#timer) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#sendBarrier();
		}, SAVE_BARRIER_DELAY_MS);
	}

	#sendBarrier() {
		const ws = this.#provider.ws;
		if (!ws || !this.#provider.wsconnected || !this.#provider.synced) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		writeSyncStep1(encoder, this.#doc);
		this.#barriers.push(this.#edits);
		ws.send(encoding.toUint8Array(encoder));
	}

	#refresh() {
		if (!this.#provider.wsconnected) this.state = 'offline';
		else this.state = this.#stored < this.#edits ? 'saving' : 'saved';
	}

	/** Stops listening and gives the provider its own sync handler back. */
	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#provider.messageHandlers[MESSAGE_SYNC] = this.#original;
		this.#doc.off('update', this.#onUpdate);
		this.#provider.off('status', this.#onStatus);
		this.#provider.off('sync', this.#onSync);
	}
}
