import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import type { Config } from '../../src/lib/server/config.ts';
import type {
	ClientToServerEvents,
	FacilitationJoinAck,
	ServerToClientEvents
} from '../../src/lib/shared/socket-events.ts';
import { ApiClient } from '../helpers/http-client.ts';
import type { Harness } from './support.ts';

/**
 * Shared plumbing of the facilitation tests: a workshop with a facilitator and guests of given
 * categories, and socket.io clients that joined a board and its facilitation.
 */

/** A socket.io client that remembers every event it received, by name. */
export interface FacilitationClient {
	socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	/** Payloads received per event name, in order. */
	received: Map<string, unknown[]>;
	/** The latest payload of an event, or undefined. */
	last<T>(event: string): T | undefined;
	joined: Extract<FacilitationJoinAck, { ok: true }>;
}

/** Connects with `cookie`, joins `boardId` and its facilitation. */
export async function facilitationClient(
	h: Harness,
	server: RunningServer,
	cookie: string,
	boardId: string
): Promise<FacilitationClient> {
	const socket: FacilitationClient['socket'] = io(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false
	});
	h.defer(() => socket.disconnect());
	const received = new Map<string, unknown[]>();
	socket.onAny((event: string, payload: unknown) => {
		received.set(event, [...(received.get(event) ?? []), payload]);
	});
	const board = await socket.emitWithAck('board:join', { boardId });
	expect(board.ok).toBe(true);
	const joined = await socket.emitWithAck('facilitation:join', { boardId });
	if (!joined.ok) throw new Error(`facilitation:join refused: ${joined.reason}`);
	return {
		socket,
		received,
		last: <T>(event: string) => received.get(event)?.at(-1) as T | undefined,
		joined
	};
}

/** A database, a server, a facilitator's workshop and guests who joined its link. */
export async function workshopWith(
	h: Harness,
	driver: 'pglite' | 'postgres',
	guests: { name: string; category: string; role?: 'participant' | 'observer' | 'evaluator' }[],
	config: Partial<Config> = {}
) {
	const database = await h.database(driver);
	const server = await h.server(database, config);
	const facilitator = new ApiClient(server.url);
	await facilitator.signUp('Fatima Facilitatrice');
	const { body: ws } = await facilitator.request<{ id: string; boardId: string; joinUrl: string }>(
		'POST',
		'/api/workshops',
		{ title: 'Atelier' }
	);
	const clients: ApiClient[] = [];
	for (const guest of guests) {
		const { body: link } = await facilitator.request<{ joinUrl: string }>(
			'POST',
			`/api/workshops/${ws.id}/invites`,
			{ role: guest.role ?? 'participant', category: guest.category }
		);
		const client = new ApiClient(server.url);
		await client.join(link.joinUrl, guest.name, guest.category);
		clients.push(client);
	}
	return { database, server, facilitator, ws, guests: clients };
}
