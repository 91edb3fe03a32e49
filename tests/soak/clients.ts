import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSticky, itemText } from '../../src/lib/board/schema.ts';

/**
 * The soak test's simulated participants: stock y-websocket providers (as the browser uses)
 * authenticated by cookie, editing at random and dropping their connection now and then.
 */

function cookieWebSocket(cookie: string) {
	return class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	};
}

/** Counters shared by every simulated client. */
export interface SoakCounters {
	edits: number;
	disconnects: number;
}

/** One simulated participant on one board. */
export class SoakClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly #created: string[] = [];
	#offlineUntil = 0;

	constructor(
		input: { wsUrl: string; boardId: string; cookie: string },
		readonly random: () => number,
		readonly counters: SoakCounters
	) {
		this.provider = new WebsocketProvider(`${input.wsUrl}/yjs`, input.boardId, this.doc, {
			disableBc: true,
			maxBackoffTime: 2000,
			WebSocketPolyfill: cookieWebSocket(input.cookie) as unknown as typeof globalThis.WebSocket
		});
	}

	/** One tick: maybe edit (new note or typing in an own note), maybe drop or restore the link. */
	tick(now: number, disconnectChance: number): void {
		if (this.#offlineUntil && now >= this.#offlineUntil) {
			this.#offlineUntil = 0;
			this.provider.connect();
		} else if (!this.#offlineUntil && this.random() < disconnectChance) {
			this.#offlineUntil = now + 500 + this.random() * 4500;
			this.counters.disconnects++;
			this.provider.disconnect();
		}
		if (this.random() < 0.5) this.#edit();
	}

	/** Reconnects if dropped (before the final comparison). */
	reconnect(): void {
		this.#offlineUntil = 0;
		if (!this.provider.shouldConnect) this.provider.connect();
	}

	#edit(): void {
		const own = this.#created[Math.floor(this.random() * this.#created.length)];
		this.counters.edits++;
		if (own && this.random() < 0.7) {
			itemText(this.doc, own)?.insert(0, String.fromCharCode(97 + Math.floor(this.random() * 26)));
			return;
		}
		const x = Math.round(this.random() * 4000);
		const y = Math.round(this.random() * 4000);
		this.#created.push(createSticky(this.doc, { x, y, text: '' }));
	}

	destroy(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** True when every document holds the same state (same state vector and same content). */
export function allEqual(docs: Y.Doc[]): boolean {
	const [first, ...rest] = docs.map(
		(doc) => `${Buffer.from(Y.encodeStateVector(doc)).toString('hex')}|${doc.getMap('items').size}`
	);
	return rest.every((other) => other === first);
}
