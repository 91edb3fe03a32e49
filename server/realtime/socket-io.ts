import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import type { Config } from '../../src/lib/server/config.ts';
import { recordEvent } from '../../src/lib/server/services/workshop-events.ts';
import { EVENT_INPUT } from '../../src/lib/shared/commands.ts';
import type {
	ClientToServerEvents,
	JoinBoardAck,
	PresencePerson,
	ServerToClientEvents
} from '../../src/lib/shared/socket-events.ts';
import {
	authenticate,
	identityOn,
	nameSeenBy,
	originAllowed,
	type BoardIdentity,
	type UserSockets
} from './access.ts';
import { TokenBucket } from './rate-limit.ts';

/**
 * The socket.io control plane, for now presence: who is on which board. Every event is checked
 * against the caller's rights; joins and leaves are recorded in `workshop_events`.
 */

/** What the server keeps on each socket (never read from the client). */
export interface SocketData {
	userId: string;
	name: string;
	/** The session behind the cookie or ticket: its sign-out disconnects this socket. */
	sessionId: string;
	/** Set when the socket authenticated with a ticket: the only board it may join. */
	ticketBoardId: string | null;
	/** The boards this socket joined, with the caller's identity on each. */
	boards: Record<string, BoardIdentity>;
}

/** The typed socket.io server (extended by `facilitation/`). */
export type PresenceServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	DefaultEventsMap,
	SocketData
>;
/** One typed socket.io connection. */
export type PresenceSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	DefaultEventsMap,
	SocketData
>;

const KNOWN_EVENTS = new Set(['board:join', 'board:leave']);

/** The socket.io room of a board's presence. */
function roomOf(boardId: string): string {
	return `board:${boardId}`;
}

/**
 * The socket.io room of one person's sockets on a board (their tabs, on any instance through the
 * Redis adapter): private brainstorm drafts are relayed there.
 */
export function personRoomOf(boardId: string, userId: string): string {
	return `board:${boardId}:person:${userId}`;
}

function personOf(identity: BoardIdentity, viewer?: BoardIdentity): PresencePerson {
	const { personId: id, category, role, color } = identity;
	return { id, name: nameSeenBy(identity, viewer), category, role, color };
}

/** A socket of this instance or another one (`fetchSockets()`), as presence reads it. */
type AnySocket = { id: string; data: SocketData };

/** The sockets in a board's room on every instance (only this one's while Redis is away). */
async function socketsOn(io: PresenceServer, boardId: string): Promise<AnySocket[]> {
	try {
		return await io.in(roomOf(boardId)).fetchSockets();
	} catch {
		const ids = io.sockets.adapter.rooms.get(roomOf(boardId)) ?? new Set<string>();
		return [...ids].flatMap((id) => io.sockets.sockets.get(id) ?? []);
	}
}

/**
 * The distinct people (two tabs are one person) among `sockets` on a board, ordered by name, as
 * `viewer` may see them (pseudonyms for evaluators, by default).
 */
function peopleOn(
	sockets: readonly AnySocket[],
	boardId: string,
	viewer?: BoardIdentity
): PresencePerson[] {
	const people = new Map<string, PresencePerson>();
	for (const socket of sockets) {
		const identity = socket.data.boards?.[boardId];
		if (identity && !people.has(identity.personId)) {
			people.set(identity.personId, personOf(identity, viewer));
		}
	}
	return [...people.values()].sort(
		(a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
	);
}

/** The presence control plane attached to an HTTP server. */
export interface Presence {
	/** The socket.io server, for the facilitation handlers (`facilitation/`). */
	io: PresenceServer;
	/**
	 * Disconnects the sockets of `userId` that joined a board of `workshopId` (any, when absent),
	 * only those opened with `sessionId` when given.
	 */
	disconnectUser(args: UserSockets): void;
	/**
	 * The workshop's anonymous mode changed: this instance's sockets on its boards take the name
	 * `nameOf` returns (null: unchanged), are told the new mode (`workshop:anonymity`), and each
	 * board's presence is sent again. Nobody is disconnected.
	 */
	/** Renames the workshop's people on this instance; answers person id → new name. */
	renameInWorkshop(args: {
		workshopId: string;
		anonymous: boolean;
		nameOf: (identity: BoardIdentity) => Promise<string | null>;
	}): Promise<Map<string, string>>;
	/** Disconnects every socket, waits for the last event writes. */
	close(): Promise<void>;
}

function createServer(httpServer: HttpServer, config: Config): PresenceServer {
	return new Server(httpServer, {
		path: '/socket.io',
		// Leave other upgrades alone: a /yjs upgrade may still be waiting for its session look-up.
		destroyUpgrade: false,
		serveClient: false,
		maxHttpBufferSize: config.maxSocketIoMessageBytes,
		transports: ['websocket', 'polling'],
		allowRequest: (req, callback) => {
			const allowed = originAllowed(req.headers, config);
			callback(allowed ? null : 'origin not allowed', allowed);
		}
	});
}

/**
 * Attaches socket.io (path `/socket.io`) to `httpServer`: Origin check, authentication by session
 * cookie or `auth: { ticket, boardId }`, and the `board:join` / `board:leave` events.
 */
export function attachPresence(input: {
	httpServer: HttpServer;
	config: Config;
	log: Logger;
}): Presence {
	const log = input.log.child({ channel: 'socket.io' });
	const io = createServer(input.httpServer, input.config);
	const events = new EventRecorder(log);
	io.use((socket, next) => {
		authenticateSocket(socket).then(
			(data) => {
				if (!data) return next(new Error('unauthenticated'));
				socket.data = data;
				next();
			},
			(error: unknown) => {
				log.error({ err: error }, 'socket.io authentication failed');
				next(new Error('unavailable'));
			}
		);
	});
	io.on('connection', (socket) => {
		limitEventRate(socket, input.config.socketIoEventsPerSecond, log);
		handleSocket({ io, socket, events, log });
	});
	return {
		io,
		disconnectUser: (args) => disconnectUserSockets(io, args),
		renameInWorkshop: (args) => renameInWorkshop(io, args),
		close: async () => {
			await io.close();
			await events.settled();
		}
	};
}

/** The acknowledgement of an event refused for its rate. */
export const RATE_LIMITED_ACK = {
	ok: false,
	reason: 'rate',
	error: 'Too many events: slow down'
} as const;

/**
 * Refuses a socket's events beyond `perSecond` (burst: twice as many) before any handler runs,
 * so that one client cannot make the server query the database in a loop. A refused event that
 * asks for an acknowledgement gets `RATE_LIMITED_ACK`; the socket stays open.
 */
function limitEventRate(socket: PresenceSocket, perSecond: number, log: Logger): void {
	const bucket = new TokenBucket(perSecond * 2, perSecond);
	let warned = false;
	socket.use((packet, next) => {
		if (bucket.take()) return next();
		if (!warned)
			log.warn({ socketId: socket.id }, 'too many socket.io events: refusing the excess');
		warned = true;
		const ack: unknown = packet[packet.length - 1];
		if (typeof ack === 'function') ack(RATE_LIMITED_ACK);
	});
}

function disconnectUserSockets(
	io: PresenceServer,
	{ workshopId, userId, sessionId }: UserSockets
): void {
	for (const socket of io.sockets.sockets.values()) {
		const { data } = socket;
		const joined = Object.values(data.boards ?? {});
		const inWorkshop = !workshopId || joined.some((board) => board.workshopId === workshopId);
		const inSession = !sessionId || data.sessionId === sessionId;
		if (data.userId === userId && inWorkshop && inSession) {
			socket.disconnect(true);
		}
	}
}

async function renameInWorkshop(
	io: PresenceServer,
	input: Parameters<Presence['renameInWorkshop']>[0]
): Promise<Map<string, string>> {
	const { workshopId, anonymous } = input;
	const boardIds = new Set<string>();
	const renamed = new Map<string, string>();
	for (const socket of io.sockets.sockets.values()) {
		const joined = Object.values(socket.data.boards ?? {});
		const inWorkshop = joined.filter((identity) => identity.workshopId === workshopId);
		for (const identity of inWorkshop) {
			const name = await input.nameOf(identity);
			if (name !== null) {
				identity.name = name;
				renamed.set(identity.personId, name);
			}
			boardIds.add(identity.boardId);
		}
		if (inWorkshop.length > 0) socket.emit('workshop:anonymity', { workshopId, anonymous });
	}
	for (const boardId of boardIds) emitPresence(io, boardId, await socketsOn(io, boardId));
	return renamed;
}

async function authenticateSocket(socket: PresenceSocket): Promise<SocketData | null> {
	const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
	const ticket = typeof auth.ticket === 'string' ? auth.ticket : null;
	const ticketBoardId = typeof auth.boardId === 'string' ? auth.boardId : null;
	const caller = await authenticate({
		cookieHeader: socket.handshake.headers.cookie,
		ticket,
		ticketBoardId
	});
	if (!caller) return null;
	return {
		userId: caller.userId,
		name: caller.name,
		sessionId: caller.sessionId,
		ticketBoardId: caller.via === 'ticket' ? ticketBoardId : null,
		boards: {}
	};
}

/** Writes join/leave rows in `workshop_events` (time taken on the server, writes tracked). */
class EventRecorder {
	readonly #pending = new Set<Promise<void>>();

	constructor(readonly log: Logger) {}

	record(type: 'join' | 'leave', identity: BoardIdentity): Promise<void> {
		const write = recordEvent({
			workshopId: identity.workshopId,
			boardId: identity.boardId,
			actorId: identity.userId,
			type,
			payload: { role: identity.role, category: identity.category },
			at: new Date()
		}).then(
			() => undefined,
			(error: unknown) => this.log.error({ err: error, type }, 'workshop event not recorded')
		);
		this.#pending.add(write);
		void write.finally(() => this.#pending.delete(write));
		return write;
	}

	/** Resolves once every write started so far is done. */
	async settled(): Promise<void> {
		await Promise.all([...this.#pending]);
	}
}

interface SocketContext {
	io: PresenceServer;
	socket: PresenceSocket;
	events: EventRecorder;
	log: Logger;
}

function handleSocket(context: SocketContext): void {
	const { socket, log } = context;
	const guard = (event: string, task: Promise<void>) =>
		task.catch((error: unknown) => log.error({ err: error, event }, 'socket.io handler failed'));
	socket.on('board:join', (payload: unknown, ack: unknown) => {
		void guard('board:join', joinBoard(context, payload, ack));
	});
	socket.on('board:leave', (payload: unknown) => {
		const parsed = EVENT_INPUT.board.safeParse(payload);
		if (!parsed.success) return log.debug({ event: 'board:leave' }, 'invalid payload ignored');
		void guard('board:leave', leaveBoard(context, parsed.data.boardId));
	});
	socket.on('disconnect', () => {
		for (const boardId of Object.keys(socket.data.boards)) {
			void guard('disconnect', leaveBoard(context, boardId));
		}
	});
	socket.onAny((event: unknown) => {
		if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
			log.debug({ event: String(event) }, 'unknown socket.io event ignored');
		}
	});
}

async function joinBoard(context: SocketContext, payload: unknown, ack: unknown): Promise<void> {
	const { io, socket, events } = context;
	if (typeof ack !== 'function') return context.log.debug('board:join without ack ignored');
	const reply = ack as (result: JoinBoardAck) => void;
	const parsed = EVENT_INPUT.board.safeParse(payload);
	if (!parsed.success) return reply({ ok: false, reason: 'invalid', error: 'Send { boardId }' });
	const { boardId } = parsed.data;
	const forbidden: JoinBoardAck = {
		ok: false,
		reason: 'forbidden',
		error: 'Not allowed on this board'
	};
	if (socket.data.ticketBoardId && socket.data.ticketBoardId !== boardId) return reply(forbidden);
	const identity = await identityOn(socket.data, boardId);
	if (identity === 'not_found')
		return reply({ ok: false, reason: 'not_found', error: 'No such board' });
	if (identity === 'forbidden') return reply(forbidden);
	if (!socket.connected) return;
	const already = boardId in socket.data.boards;
	socket.data.boards[boardId] = identity;
	await socket.join([roomOf(boardId), personRoomOf(boardId, identity.userId)]);
	if (!already) await events.record('join', identity);
	const sockets = await socketsOn(io, boardId);
	reply({ ok: true, you: personOf(identity), people: peopleOn(sockets, boardId, identity) });
	emitPresence(io, boardId, sockets);
}

/**
 * Sends a board's presence to its room on every instance: one list for everyone who sees names,
 * and each viewer who sees pseudonyms (wherever their socket is) gets their own.
 */
function emitPresence(io: PresenceServer, boardId: string, sockets: readonly AnySocket[]): void {
	const pseudonymous = sockets.filter((socket) => socket.data.boards?.[boardId]?.seesPseudonyms);
	io.to(roomOf(boardId))
		.except(pseudonymous.map((socket) => socket.id))
		.emit('presence', { boardId, people: peopleOn(sockets, boardId) });
	for (const socket of pseudonymous) {
		const viewer = socket.data.boards[boardId];
		io.to(socket.id).emit('presence', { boardId, people: peopleOn(sockets, boardId, viewer) });
	}
}

async function leaveBoard(context: SocketContext, boardId: string): Promise<void> {
	const { io, socket, events } = context;
	const identity = socket.data.boards[boardId];
	if (!identity) return;
	delete socket.data.boards[boardId];
	void socket.leave(roomOf(boardId));
	void socket.leave(personRoomOf(boardId, identity.userId));
	void events.record('leave', identity);
	emitPresence(io, boardId, await socketsOn(io, boardId));
}
