import type { Logger } from 'pino';
import type { PresenceServer } from '../socket-io.ts';
import { facilitatorsRoom, type FacilitationDeps } from './commands.ts';
import { handleFacilitation } from './handlers.ts';
import { livePublisher, shareLiveState } from './live-share.ts';
import { LiveState } from './live-state.ts';
import type { LockStore } from './locks.ts';
import { LiveRunStore } from './live-run.ts';

/**
 * The facilitation control plane over socket.io (see `CONTEXT.md` in this folder): agenda and
 * timer, hands and reactions, follow-me, spotlight and locks; who is online in a workshop, and
 * telling a person their rights changed.
 */

/** What the facilitation layer offers to the rest of the realtime server. */
export interface Facilitation {
	/** Users with a socket joined to a board of `workshopId`. */
	onlineUserIds(workshopId: string): string[];
	/** Sends `access:changed` to every socket of `userId` in `workshopId` (their page reloads). */
	notifyAccessChanged(args: { workshopId: string; userId: string }): void;
	/**
	 * After a workshop's anonymous mode changed: each raised hand of `names` (person id → the
	 * name they are now shown by) takes that name, on every instance, and facilitators are sent
	 * the hands again.
	 */
	renameHands(workshopId: string, names: ReadonlyMap<string, string>): void;
}

/** Sockets of `io` joined to at least one board of `workshopId`, with their user id. */
function* workshopSockets(io: PresenceServer, workshopId: string) {
	for (const socket of io.sockets.sockets.values()) {
		const joined = Object.values(socket.data.boards ?? {});
		if (joined.some((identity) => identity.workshopId === workshopId)) yield socket;
	}
}

/** Sends the raised hands of `workshopId` to its facilitators, on every instance. */
function announceHands(io: PresenceServer, live: LiveState, workshopId: string): void {
	io.to(facilitatorsRoom(workshopId)).emit('hands:state', {
		workshopId,
		hands: live.hands(workshopId)
	});
}

/** Attaches the facilitation handlers to the presence socket.io server. */
export function attachFacilitation(input: {
	io: PresenceServer;
	locks: LockStore;
	rooms: FacilitationDeps['rooms'];
	log: Logger;
	/** True with several instances (Redis): the live state is shared between them. */
	shared: boolean;
}): Facilitation {
	const { io, locks, rooms, shared } = input;
	const log = input.log.child({ channel: 'facilitation' });
	const live = new LiveState(livePublisher({ io, shared }));
	shareLiveState({ io, live, shared, log });
	const deps = { io, locks, rooms, log, liveRuns: new LiveRunStore(), live };
	io.on('connection', (socket) => handleFacilitation(deps, socket));
	return {
		onlineUserIds(workshopId) {
			const ids = new Set<string>();
			for (const socket of workshopSockets(io, workshopId)) ids.add(socket.data.userId);
			return [...ids];
		},
		renameHands(workshopId, names) {
			let renamed = false;
			for (const [personId, name] of names) {
				if (live.renameHand(workshopId, personId, name)) renamed = true;
			}
			if (renamed) announceHands(io, live, workshopId);
		},
		notifyAccessChanged({ workshopId, userId }) {
			for (const socket of workshopSockets(io, workshopId)) {
				if (socket.data.userId === userId) socket.emit('access:changed', { workshopId });
			}
		}
	};
}
