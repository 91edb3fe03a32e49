import type http from 'node:http';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Config } from '../../src/lib/server/config.ts';
import type { RealtimeControl } from '../../src/lib/server/context.ts';
import { log } from '../log.ts';
import { bindRealtimeStats, metrics } from '../metrics.ts';
import { shownNameLookup, type BoardIdentity } from './access.ts';
import { Connection, startKeepAlive } from './connection.ts';
import type { Room } from './room.ts';
import { RoomRegistry, type RealtimeStats } from './rooms.ts';
import { attachFacilitation } from './facilitation/index.ts';
import { LockStore, type LockChange } from './facilitation/locks.ts';
import { lockPolicy } from './facilitation/write-policy.ts';
import { shareControl, type LocalControl } from './control.ts';
import { loadRedisLibraries, RedisBus, socketIoRedisAdapter } from './redis-bus.ts';
import { attachPresence, type PresenceServer } from './socket-io.ts';
import type { LogJournal } from './log-journal.ts';
import { attachYjsEndpoint } from './upgrade.ts';

/** The realtime layer attached to one HTTP server: Yjs rooms under `/yjs/*` and socket.io. */
export interface Realtime extends RealtimeControl {
	/** Stops accepting sockets, flushes pending log writes, closes every socket (code 4503). */
	close(): Promise<void>;
	/** Boards loaded, open Yjs connections, boards with pending structs (tests and metrics). */
	stats(): RealtimeStats;
}

/** Attaches the Yjs endpoint and socket.io to `httpServer` (with Redis when configured). */
export async function attachRealtime(input: {
	httpServer: http.Server;
	config: Config;
	destroyUnknownUpgrades: boolean;
	/** The embedded database's journal (`log-journal.ts`), closed with the realtime layer. */
	journal?: LogJournal | null;
}): Promise<Realtime> {
	const { httpServer, config } = input;
	const journal = input.journal ?? null;
	const realtimeLog = log.child({ component: 'realtime' });
	const redis = config.redisUrl
		? { url: config.redisUrl, prefix: config.redisPrefix, libraries: await loadRedisLibraries() }
		: null;
	const bus = redis ? new RedisBus({ ...redis, log: realtimeLog }) : null;
	const locks = new LockStore();
	locks.ready.catch((error: unknown) => realtimeLog.error({ err: error }, 'locks not loaded'));
	const rooms = new RoomRegistry({
		logBatchMs: config.logBatchMs,
		snapshotEveryUpdates: config.snapshotEveryUpdates,
		idleBoardUnloadMs: config.idleBoardUnloadMs,
		maxObjectsPerBoard: config.maxObjectsPerBoard,
		limits: {
			maxBoardBytes: config.maxBoardBytes,
			maxTextChars: config.maxTextChars,
			maxValueBytes: config.maxValueBytes,
			maxAwarenessStateBytes: config.maxAwarenessStateBytes
		},
		awarenessFlushMs: config.awarenessFlushMs,
		syncPartBytes: config.syncPartBytes,
		writePolicy: lockPolicy({
			locksOf: (boardId) => locks.of(boardId),
			ready: () => locks.loaded()
		}),
		log: realtimeLog,
		bus,
		journal
	});
	const yjs = attachYjsEndpoint({
		httpServer,
		config,
		rooms,
		destroyUnknownUpgrades: input.destroyUnknownUpgrades,
		log: realtimeLog,
		onOpen: (ws, room, identity) =>
			openConnection({ ws, room, identity, rooms, config, log: realtimeLog })
	});
	const presence = attachPresence({ httpServer, config, log: realtimeLog });
	const ioAdapter = redis ? socketIoRedisAdapter({ ...redis, log: realtimeLog }) : null;
	if (ioAdapter) presence.io.adapter(ioAdapter.adapter);
	if (bus) shareLocks({ io: presence.io, locks, bus, log: realtimeLog });
	const stopRedisProbe = bus ? probeRedis(bus) : () => {};
	bindRealtimeStats(() => rooms.stats());
	const facilitation = attachFacilitation({
		io: presence.io,
		locks,
		rooms,
		log: realtimeLog,
		shared: bus !== null
	});
	const stopKeepAlive = startKeepAlive(() => rooms.connections());
	let closing: Promise<void> | null = null;
	const local: LocalControl = {
		disconnectUser(args) {
			rooms.disconnectUser(args);
			presence.disconnectUser(args);
		},
		accessChanged(args) {
			facilitation.notifyAccessChanged(args);
			rooms.disconnectUser(args);
			presence.disconnectUser(args);
		},
		async anonymityChanged({ workshopId, anonymous }) {
			const nameOf = shownNameLookup();
			await rooms.renameInWorkshop(workshopId, nameOf);
			const renamed = await presence.renameInWorkshop({ workshopId, anonymous, nameOf });
			facilitation.renameHands(workshopId, renamed);
		},
		signedOutEverywhere(userId) {
			rooms.disconnectUser({ userId });
			presence.disconnectUser({ userId });
		},
		sessionEnded({ userId, sessionId }) {
			rooms.disconnectUser({ userId, sessionId });
			presence.disconnectUser({ userId, sessionId });
		},
		workshopClosed(workshopId) {
			for (const userId of facilitation.onlineUserIds(workshopId)) {
				facilitation.notifyAccessChanged({ workshopId, userId });
				presence.disconnectUser({ workshopId, userId });
			}
			rooms.disconnectWorkshop(workshopId);
		}
	};
	const announce = shareControl({ io: presence.io, local, shared: bus !== null, log: realtimeLog });
	return {
		disconnectUser(args) {
			local.disconnectUser(args);
			announce({ op: 'disconnect-user', ...args });
		},
		onlineUserIds: (workshopId) => facilitation.onlineUserIds(workshopId),
		accessChanged(args) {
			local.accessChanged(args);
			announce({ op: 'access-changed', ...args });
		},
		async anonymityChanged(args) {
			announce({ op: 'anonymity-changed', ...args });
			await local.anonymityChanged(args);
		},
		signedOutEverywhere(userId) {
			local.signedOutEverywhere(userId);
			announce({ op: 'signed-out-everywhere', userId });
		},
		sessionEnded(args) {
			local.sessionEnded(args);
			announce({ op: 'session-ended', ...args });
		},
		async workshopArchived({ workshopId, boardIds }) {
			local.workshopClosed(workshopId);
			announce({ op: 'workshop-closed', workshopId });
			await Promise.all(boardIds.map((boardId) => rooms.persistBoard(boardId)));
		},
		writeAs: (args) => rooms.writeAs(args),
		storedBoards: (boardIds) => rooms.storedBoards(boardIds),
		stats: () => rooms.stats(),
		close: () =>
			(closing ??= (async () => {
				yjs.stop();
				stopKeepAlive();
				await rooms.closeAll();
				journal?.close();
				await presence.close();
				stopRedisProbe();
				await Promise.all([bus?.close(), ioAdapter?.close()]);
			})())
	};
}

/** Wraps an admitted socket in a `Connection` bound to its room (released when it closes). */
function openConnection(input: {
	ws: WebSocket;
	room: Room;
	identity: BoardIdentity;
	rooms: RoomRegistry;
	config: Config;
	log: Logger;
}): void {
	const { room, rooms, config } = input;
	const connection = new Connection({
		ws: input.ws,
		identity: input.identity,
		sink: room,
		log: input.log,
		limits: {
			docMessagesPerSecond: config.docMessagesPerSecond,
			awarenessMessagesPerSecond: config.awarenessMessagesPerSecond
		},
		onClosed: () => rooms.release(room)
	});
	room.attach(connection);
	connection.log.debug({ role: input.identity.role }, 'connection opened');
}

/** How often Redis is PINGed for the lag and up gauges, in milliseconds. */
const REDIS_PROBE_EVERY_MS = 5000;

/** Measures Redis's round trip every `REDIS_PROBE_EVERY_MS`; returns the stop function. */
function probeRedis(bus: RedisBus): () => void {
	const probe = () => {
		bus.ping().then(
			(ms) => {
				metrics.redisUp.set(ms === null ? 0 : 1);
				metrics.redisLag.set(ms === null ? -1 : ms / 1000);
			},
			() => {
				metrics.redisUp.set(0);
				metrics.redisLag.set(-1);
			}
		);
	};
	probe();
	const timer = setInterval(probe, REDIS_PROBE_EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Keeps every instance's in-memory locks (read synchronously by the Yjs write policy) equal: a
 * change is announced with `serverSideEmit`, and all locks are read again after a Redis outage.
 */
function shareLocks(input: {
	io: PresenceServer;
	locks: LockStore;
	bus: RedisBus;
	log: Logger;
}): void {
	const { io, locks, bus, log: shareLog } = input;
	locks.onChange = (change) => io.serverSideEmit('locks:changed', change);
	io.on('locks:changed', (change: LockChange) => {
		if (typeof change?.boardId !== 'string' || typeof change.targetId !== 'string') return;
		locks.applyRemote({ ...change, locked: change.locked === true });
	});
	bus.onReady(() => {
		locks.reload().catch((error: unknown) => shareLog.error({ err: error }, 'locks not reloaded'));
	});
}
