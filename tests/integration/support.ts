import { eq } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/app.ts';
import type { Config } from '../../src/lib/server/config.ts';
import { appContext } from '../../src/lib/server/context.ts';
import type { Database } from '../../src/lib/server/db/client.ts';
import { sessions } from '../../src/lib/server/db/schema.ts';
import { hashToken } from '../../src/lib/server/ids.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { startTestServer } from '../helpers/server.ts';

/**
 * Shared plumbing of the realtime integration tests: a harness that remembers everything a test
 * opened and tears it down in reverse order, stock `y-websocket` providers authenticated by
 * cookie or ticket, and raw `ws` sockets for protocol abuse.
 */

type Cleanup = () => unknown;

/** The database the running test server uses (the process-wide app context). */
export function db(): Database {
	return appContext().db;
}

/**
 * Creates this worker's PGlite template ahead of the tests (2-7 s, more when test files run in
 * parallel), inside a hook with a longer timeout than a test.
 */
export async function warmUp(driver: 'pglite' | 'postgres'): Promise<void> {
	if (driver !== 'pglite') return;
	const database = await createTestDatabase(driver);
	await database.destroy();
}

/** `ws://host:port` of a running server. */
export function wsBase(server: RunningServer): string {
	return server.url.replace(/^http/, 'ws');
}

/** A `ws` WebSocket class that sends `cookie` with its upgrade (what a browser would do). */
export function cookieWebSocket(cookie: string) {
	return class CookieWebSocket extends WebSocket {
		constructor(address: string | URL | null, protocols?: string | string[]) {
			super(address as string | URL, protocols, { headers: { cookie } });
		}
	};
}

/** A connected stock provider with the close codes it received. */
export interface TestProvider {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes sent by the server, in order. */
	closeCodes: number[];
}

/** How a client proves who it is on a websocket. */
export type Credentials = { cookie: string } | { ticket: string };

/** Remembers what a test opened and closes it all, newest first, in `afterEach`. */
export class Harness {
	#cleanups: Cleanup[] = [];

	/** Registers a cleanup step. */
	defer(cleanup: Cleanup): void {
		this.#cleanups.push(cleanup);
	}

	/** Runs every cleanup step, newest first; reports the first failure after running them all. */
	async cleanup(): Promise<void> {
		const steps = this.#cleanups.reverse();
		this.#cleanups = [];
		let failure: unknown = null;
		for (const step of steps) {
			try {
				await step();
			} catch (error) {
				failure ??= error;
			}
		}
		if (failure) throw failure;
	}

	/** A fresh database on `driver`, destroyed at cleanup. */
	async database(driver: 'pglite' | 'postgres'): Promise<TestDatabase> {
		const database = await createTestDatabase(driver);
		this.defer(() => database.destroy());
		return database;
	}

	/** Starts the real server over `database`, closed at cleanup. */
	async server(database: TestDatabase, config: Partial<Config> = {}): Promise<RunningServer> {
		const server = await startTestServer({ database, config });
		this.defer(() => server.close());
		return server;
	}

	/** A database, a server, a facilitator with a board: the start of most tests. */
	async board(driver: 'pglite' | 'postgres', config: Partial<Config> = {}) {
		const database = await this.database(driver);
		const server = await this.server(database, config);
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp('Fatima Facilitatrice');
		const board = await facilitator.createBoard('Atelier mobilité');
		return { database, server, facilitator, board };
	}

	/** A stock `WebsocketProvider` on `boardId` (BroadcastChannel off: only the server syncs). */
	provider(
		server: RunningServer,
		boardId: string,
		credentials: Credentials,
		doc: Y.Doc = new Y.Doc()
	): TestProvider {
		// In Node each stock provider adds a process 'exit' listener (removed by destroy): a test
		// with many clients is not a leak, so the warning limit follows the providers alive.
		process.setMaxListeners(process.getMaxListeners() + 1);
		const provider = new WebsocketProvider(`${wsBase(server)}/yjs`, boardId, doc, {
			disableBc: true,
			maxBackoffTime: 200,
			params: 'ticket' in credentials ? { ticket: credentials.ticket } : {},
			WebSocketPolyfill: ('cookie' in credentials
				? cookieWebSocket(credentials.cookie)
				: WebSocket) as unknown as typeof globalThis.WebSocket
		});
		const closeCodes: number[] = [];
		provider.on('connection-close', (event) => {
			if (event) closeCodes.push(event.code);
		});
		this.defer(() => {
			provider.destroy();
			process.setMaxListeners(process.getMaxListeners() - 1);
		});
		return { doc, provider, closeCodes };
	}

	/** A provider that has finished its first sync with the server. */
	async syncedProvider(
		server: RunningServer,
		boardId: string,
		credentials: Credentials,
		doc?: Y.Doc
	): Promise<TestProvider> {
		const client = this.provider(server, boardId, credentials, doc);
		await vi.waitFor(() => expect(client.provider.synced).toBe(true), { timeout: 10_000 });
		return client;
	}

	/** A raw `ws` socket on `/yjs/<boardId>`, open; closed at cleanup. */
	async rawSocket(
		server: RunningServer,
		boardId: string,
		credentials: Credentials,
		options: ClientOptions = {}
	): Promise<RawSocket> {
		const query = 'ticket' in credentials ? `?ticket=${credentials.ticket}` : '';
		const headers: Record<string, string> =
			'cookie' in credentials ? { cookie: credentials.cookie } : {};
		const ws = new WebSocket(`${wsBase(server)}/yjs/${boardId}${query}`, {
			...options,
			headers: { ...headers, ...options.headers }
		});
		const raw = new RawSocket(ws);
		this.defer(() => ws.terminate());
		await raw.opened;
		return raw;
	}
}

/** A raw websocket that records what it receives and how it closed. */
export class RawSocket {
	readonly messages: Uint8Array[] = [];
	readonly opened: Promise<void>;
	/** Resolves with the close code. */
	readonly closed: Promise<number>;

	constructor(readonly ws: WebSocket) {
		this.opened = new Promise((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
		ws.on('message', (data: Buffer) => this.messages.push(new Uint8Array(data)));
	}

	/** Sends one binary frame. */
	send(bytes: Uint8Array): void {
		this.ws.send(bytes);
	}
}

/** The HTTP status answering a websocket upgrade to `path` (101 when it was accepted). */
export function upgradeStatus(
	server: RunningServer,
	path: string,
	options: ClientOptions = {}
): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${wsBase(server)}${path}`, options);
		ws.once('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.once('open', () => {
			resolve(101);
			ws.terminate();
		});
		ws.once('error', (error) => reject(error));
	});
}

/** A short-lived websocket ticket for the signed-in `client` on `boardId`. */
export async function ticketFor(client: ApiClient, boardId: string): Promise<string> {
	const { status, body } = await client.request<{ ticket: string }>(
		'POST',
		`/api/boards/${boardId}/ticket`
	);
	if (status !== 200) throw new Error(`ticket request failed with ${status}`);
	return body.ticket;
}

/** A guest who joined `joinUrl` with a name and a category. */
export async function joinAsGuest(
	server: RunningServer,
	joinUrl: string,
	name: string,
	category: string
): Promise<ApiClient> {
	const guest = new ApiClient(server.url);
	await guest.join(joinUrl, name, category);
	return guest;
}

/** The user id behind a client's session cookie. */
export async function userIdOf(client: ApiClient): Promise<string> {
	const token = decodeURIComponent(client.cookie.split('=')[1] ?? '');
	const [row] = await db()
		.select({ userId: sessions.userId })
		.from(sessions)
		.where(eq(sessions.id, hashToken(token)));
	if (!row) throw new Error('no session for this client');
	return row.userId;
}

export { seededRandom } from '../helpers/random.ts';
