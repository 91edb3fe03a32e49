import { STATUS_CODES, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../../src/lib/server/config.ts';
import { authenticate, identityOn, originAllowed, type BoardIdentity } from './access.ts';
import type { Room } from './room.ts';
import { RealtimeClosedError, type RoomRegistry } from './rooms.ts';

/**
 * Routing and admission of websocket upgrades: `/yjs/<boardId>` is ours (Origin check,
 * authentication, authorization, then the board is loaded and the socket opened), `/socket.io`
 * belongs to socket.io, anything else is destroyed or left to others (Vite's HMR in dev).
 */

/** Path prefix of the Yjs endpoint. */
export const YJS_PATH_PREFIX = '/yjs/';
/** What a board id may look like in a URL (ids are 16 base32 characters). */
const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type YjsRoute = { kind: 'yjs'; boardId: string | null; ticket: string | null };
type Route = YjsRoute | { kind: 'socket.io' } | { kind: 'other' };

function routeOf(rawUrl: string | undefined): Route {
	const url = new URL(rawUrl ?? '/', 'http://localhost');
	if (url.pathname.startsWith('/socket.io')) return { kind: 'socket.io' };
	if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return { kind: 'other' };
	const segment = url.pathname.slice(YJS_PATH_PREFIX.length);
	return {
		kind: 'yjs',
		boardId: BOARD_ID_PATTERN.test(segment) ? segment : null,
		ticket: url.searchParams.get('ticket')
	};
}

/** Answers an upgrade with a bare HTTP status and closes the socket. */
function refuse(socket: Duplex, status: number): void {
	if (socket.destroyed) return;
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
	);
}

/** The identity of an admitted upgrade, or the HTTP status refusing it. */
async function decide(
	req: IncomingMessage,
	route: { boardId: string | null; ticket: string | null },
	config: Config
): Promise<BoardIdentity | number> {
	if (!originAllowed(req.headers, config)) return 403;
	if (!route.boardId) return 404;
	const caller = await authenticate({
		cookieHeader: req.headers.cookie,
		ticket: route.ticket,
		ticketBoardId: route.boardId
	});
	if (!caller) return 401;
	const identity = await identityOn(caller, route.boardId);
	if (identity === 'not_found') return 404;
	if (identity === 'forbidden') return 403;
	return identity;
}

/** The Yjs websocket endpoint attached to an HTTP server. */
export interface YjsEndpoint {
	/** Refuses every later upgrade with 503 (the listener stays, so sockets are not left hanging). */
	stop(): void;
}

/** Options of `attachYjsEndpoint`. */
export interface YjsEndpointOptions {
	httpServer: HttpServer;
	config: Config;
	rooms: RoomRegistry;
	/** Destroy upgrades for unknown paths (production) or leave them to other listeners (dev). */
	destroyUnknownUpgrades: boolean;
	log: Logger;
	/** Called with each admitted socket and its room (already held for this socket). */
	onOpen(ws: WebSocket, room: Room, identity: BoardIdentity): void;
}

interface Admission {
	options: YjsEndpointOptions;
	wss: WebSocketServer;
	isAccepting(): boolean;
}

/** Opens the websocket of an admitted upgrade; gives the room back if that did not happen. */
function open(
	admission: Admission,
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	room: Room,
	identity: BoardIdentity
) {
	const { options, wss } = admission;
	let opened = false;
	if (!socket.destroyed) {
		wss.handleUpgrade(req, socket, head, (ws) => {
			opened = true;
			try {
				options.onOpen(ws, room, identity);
			} catch (error) {
				options.log.error({ err: error, boardId: identity.boardId }, 'opening a connection failed');
				ws.terminate();
			}
		});
	}
	if (!opened) options.rooms.release(room);
}

/** Checks a `/yjs` upgrade, loads its board and opens it, or answers with an HTTP error. */
async function admit(
	admission: Admission,
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	route: YjsRoute
) {
	const { options } = admission;
	const onSocketError = (error: Error) => options.log.debug({ err: error }, 'upgrade socket error');
	// The client may go away during the asynchronous checks: an unhandled 'error' would crash.
	socket.on('error', onSocketError);
	try {
		const decision = admission.isAccepting() ? await decide(req, route, options.config) : 503;
		if (typeof decision === 'number' || !admission.isAccepting()) {
			const status = typeof decision === 'number' ? decision : 503;
			options.log.info({ status, boardId: route.boardId }, 'websocket upgrade refused');
			return refuse(socket, status);
		}
		const room = await options.rooms.acquire(decision.boardId);
		const { config } = options;
		const full = room.connectionsOf(decision.userId) >= config.maxConnectionsPerPerson;
		const crowded =
			options.rooms.connectionsInWorkshop(decision.workshopId) >= config.maxConnectionsPerWorkshop;
		if (full || crowded) {
			options.rooms.release(room);
			const reason = full ? 'too many tabs' : 'workshop full';
			options.log.info({ boardId: route.boardId }, `websocket upgrade refused: ${reason}`);
			return refuse(socket, 429);
		}
		socket.off('error', onSocketError);
		open(admission, req, socket, head, room, decision);
	} catch (error) {
		if (error instanceof RealtimeClosedError) return refuse(socket, 503);
		// Typically the database is unreachable: the client may retry later (its provider does).
		options.log.error({ err: error, boardId: route.boardId }, 'websocket upgrade failed');
		refuse(socket, 503);
	}
}

/** Listens to `upgrade` on the HTTP server and admits `/yjs/<boardId>` sockets. */
export function attachYjsEndpoint(options: YjsEndpointOptions): YjsEndpoint {
	let accepting = true;
	const admission: Admission = {
		options,
		wss: new WebSocketServer({
			noServer: true,
			maxPayload: options.config.maxMessageBytes,
			clientTracking: false
		}),
		isAccepting: () => accepting
	};
	options.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		let route: Route;
		try {
			route = routeOf(req.url);
		} catch {
			route = { kind: 'other' };
		}
		if (route.kind === 'yjs') void admit(admission, req, socket, head, route);
		else if (route.kind === 'other' && options.destroyUnknownUpgrades) socket.destroy();
	});
	return {
		stop() {
			accepting = false;
		}
	};
}
