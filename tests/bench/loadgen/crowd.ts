import { LeanClient, type LeanClientOptions } from './lean-client.ts';

/** Longest wait for one client to connect and sync. */
export const CONNECT_TIMEOUT_MS = 30_000;

/** Clients connecting at the same time while a crowd is being set up. */
const CONNECT_CONCURRENCY = 20;

/** Cursor colours of the awareness states. */
const COLORS = ['#d1495b', '#00798c', '#edae49', '#66a182', '#2e4057', '#8d96a3'] as const;

/** A group of connected clients; failures are counted, not thrown. */
export interface Crowd {
	clients: LeanClient[];
	failures: number;
	/** First few distinct connection errors. */
	errors: string[];
}

/**
 * Creates and connects `count` clients (indices `first`…), a bounded number at a time;
 * `onConnected` runs as soon as each one is synced.
 */
export async function connectCrowd(input: {
	count: number;
	first?: number;
	options: (index: number) => LeanClientOptions;
	onConnected?: (client: LeanClient) => void;
}): Promise<Crowd> {
	const { count, first = 0 } = input;
	const clients: LeanClient[] = [];
	const errors = new Set<string>();
	let failures = 0;
	let next = first;
	const end = first + count;
	const worker = async () => {
		while (next < end) {
			const client = new LeanClient(input.options(next++));
			try {
				await client.connect(CONNECT_TIMEOUT_MS);
				clients.push(client);
				input.onConnected?.(client);
			} catch (error) {
				failures++;
				if (errors.size < 5) errors.add(error instanceof Error ? error.message : String(error));
				await client.close(500);
			}
		}
	};
	await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
	clients.sort((a, b) => a.index - b.index);
	return { clients, failures, errors: [...errors] };
}

/** Clients closed at the same time by {@link closeAll}. */
const CLOSE_BATCH = 25;

/**
 * Closes every client, a batch at a time, each within a bounded time. (Closing 1,000 sockets at
 * once overflows the stack of @y/websocket-server 0.1.1: its `closeConn` → awareness removal →
 * `send` to another closing socket → `closeConn` recursion.)
 */
export async function closeAll(clients: readonly LeanClient[]): Promise<void> {
	for (let i = 0; i < clients.length; i += CLOSE_BATCH) {
		await Promise.all(clients.slice(i, i + CLOSE_BATCH).map((client) => client.close()));
	}
}

/** The awareness state of client `index`, as a board client would publish it. */
export function awarenessState(input: {
	index: number;
	category: string;
	cursor?: { x: number; y: number };
	tag?: string;
}): string {
	const user = {
		name: `Participant ${input.index}`,
		color: COLORS[input.index % COLORS.length],
		category: input.category
	};
	return JSON.stringify({ user, cursor: input.cursor ?? null, bench: input.tag ?? null });
}

/** A random 32-bit client id, as Yjs draws them. */
export function randomClientId(): number {
	return Math.floor(Math.random() * 0xffffffff);
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
