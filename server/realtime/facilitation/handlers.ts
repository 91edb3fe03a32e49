import { EVENT_INPUT } from '../../../src/lib/shared/commands.ts';
import type { Signal } from '../../../src/lib/shared/facilitation.ts';
import type { FacilitationJoinAck } from '../../../src/lib/shared/socket-events.ts';
import type { BoardIdentity } from '../access.ts';
import type { PresenceSocket } from '../socket-io.ts';
import {
	boardRoom,
	command,
	facilitatorsRoom,
	record,
	workshopRoom,
	type FacilitationDeps
} from './commands.ts';
import { addTime, pauseTimer, replaceAgenda, selectPhase, startTimer } from './live-run.ts';
import { brainstormOn, registerBrainstorm } from './brainstorm.ts';
import { groupOffer, registerPeerGroups } from './peer-groups.ts';
import { registerVotes, voteSnapshot } from './votes.ts';
import { registerGather } from './gather.ts';

/** Shortest interval between two reactions of one socket, in milliseconds. */
export const REACTION_INTERVAL_MS = 1000;
/** Shortest interval between two relayed follow-me viewports of one leader, in milliseconds. */
export const VIEWPORT_INTERVAL_MS = 40;

const signalOf = (identity: BoardIdentity): Signal => ({
	personId: identity.personId,
	name: identity.name,
	category: identity.category,
	at: Date.now()
});

/** Registers every facilitation event on a new socket. */
export function handleFacilitation(deps: FacilitationDeps, socket: PresenceSocket): void {
	socket.on('facilitation:join', (payload: unknown, ack: unknown) => {
		if (typeof ack !== 'function') return;
		void join(deps, socket, payload).then(
			(result) => (ack as (result: FacilitationJoinAck) => void)(result),
			(error: unknown) => deps.log.error({ err: error }, 'facilitation:join failed')
		);
	});
	registerLiveRun(deps, socket);
	registerHands(deps, socket);
	registerBoardControls(deps, socket);
	registerVotes(deps, socket);
	registerBrainstorm(deps, socket);
	registerPeerGroups(deps, socket);
	registerGather(deps, socket);
	socket.on('disconnect', () => {
		for (const boardId of deps.live.boardsLedBy(socket.id)) {
			deps.live.setLeader(boardId, null);
			deps.io.to(boardRoom(boardId)).emit('follow:state', { boardId, leader: null });
		}
	});
}

async function join(
	deps: FacilitationDeps,
	socket: PresenceSocket,
	payload: unknown
): Promise<FacilitationJoinAck> {
	const parsed = EVENT_INPUT.board.safeParse(payload);
	if (!parsed.success) return { ok: false, reason: 'invalid' };
	const { boardId } = parsed.data;
	const identity = socket.data.boards[boardId];
	if (!identity) return { ok: false, reason: 'not_joined' };
	const { workshopId } = identity;
	const facilitator = identity.role === 'facilitator';
	await socket.join(workshopRoom(workshopId));
	if (facilitator) await socket.join(facilitatorsRoom(workshopId));
	const leader = deps.live.leader(boardId);
	return {
		ok: true,
		liveRun: await deps.liveRuns.get(workshopId),
		locks: [...deps.locks.of(boardId)],
		follow: leader ? { personId: leader.personId, name: leader.name } : null,
		spotlight: deps.live.spotlight(boardId),
		hands: facilitator ? deps.live.hands(workshopId) : [],
		handRaised: deps.live.handRaised(workshopId, identity.personId),
		vote: await voteSnapshot(identity),
		brainstorm: await brainstormOn(deps, boardId),
		group: await groupOffer(identity)
	};
}

function registerLiveRun(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { liveRuns, io } = deps;
	/** Changes the live run, then records and broadcasts the new state, in the changes' order. */
	const change = async (
		identity: BoardIdentity,
		type: 'agenda' | 'phase' | 'timer-start' | 'timer-pause' | 'timer-add',
		apply: Parameters<typeof liveRuns.update>[1]
	): Promise<void> => {
		await liveRuns.update(identity.workshopId, apply, async (run) => {
			const { phaseId, timer } = run;
			await record(identity, type, { phaseId, timer, agenda: run.agenda.length });
			io.to(workshopRoom(identity.workshopId)).emit('run:state', run);
		});
	};
	command(deps, socket, 'agenda:set', (who, input) =>
		change(who, 'agenda', (s) => replaceAgenda(s, input.phases))
	);
	command(deps, socket, 'phase:set', (who, input) =>
		change(who, 'phase', (s) => selectPhase(s, input.phaseId))
	);
	command(deps, socket, 'timer:start', (who, i) =>
		change(who, 'timer-start', (s, now) => ({ ...s, timer: startTimer(s.timer, now, i.seconds) }))
	);
	command(deps, socket, 'timer:pause', (who) =>
		change(who, 'timer-pause', (s, now) => ({ ...s, timer: pauseTimer(s.timer, now) }))
	);
	command(deps, socket, 'timer:add', (who, i) =>
		change(who, 'timer-add', (s, now) => ({ ...s, timer: addTime(s.timer, now, i.seconds) }))
	);
}

function registerHands(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { io, live } = deps;
	const announce = (workshopId: string, personId: string, raised: boolean) => {
		io.to(facilitatorsRoom(workshopId)).emit('hands:state', {
			workshopId,
			hands: live.hands(workshopId)
		});
		// The person's sockets, on every instance (their tabs may be served by another one).
		void io
			.in(workshopRoom(workshopId))
			.fetchSockets()
			.then(
				(peers) => {
					for (const peer of peers) {
						const joined = Object.values(peer.data.boards ?? {});
						if (joined.some((one) => one.personId === personId)) {
							peer.emit('hand:yours', { workshopId, raised });
						}
					}
				},
				(error: unknown) => deps.log.warn({ err: error }, 'hand:yours not delivered')
			);
	};
	command(deps, socket, 'hand:set', async (who, input) => {
		if (!live.setHand(who.workshopId, signalOf(who), input.raised)) return;
		await record(who, input.raised ? 'hand-raise' : 'hand-lower', {});
		announce(who.workshopId, who.personId, input.raised);
	});
	command(deps, socket, 'hand:lower', async (who, input) => {
		const hand = live.hands(who.workshopId).find((one) => one.personId === input.personId);
		if (!hand || !live.setHand(who.workshopId, hand, false)) return;
		await record(who, 'hand-lowered-by-facilitator', { personId: input.personId });
		announce(who.workshopId, input.personId, false);
	});
	let lastReaction = 0;
	command(deps, socket, 'reaction:send', async (who, input) => {
		const now = Date.now();
		if (now - lastReaction < REACTION_INTERVAL_MS) return;
		lastReaction = now;
		await record(who, 'reaction', { reaction: input.reaction });
		io.to(facilitatorsRoom(who.workshopId)).emit('reaction', {
			workshopId: who.workshopId,
			reaction: input.reaction,
			from: signalOf(who)
		});
		io.to(boardRoom(who.boardId)).emit('reaction:burst', {
			boardId: who.boardId,
			reaction: input.reaction
		});
	});
}

function registerBoardControls(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { io, live, locks } = deps;
	command(deps, socket, 'follow:set', async (who, i) => {
		const leader = i.on ? { personId: who.personId, name: who.name, socketId: socket.id } : null;
		live.setLeader(who.boardId, leader);
		await record(who, i.on ? 'follow-start' : 'follow-stop', {});
		const shown = leader ? { personId: leader.personId, name: leader.name } : null;
		io.to(boardRoom(who.boardId)).emit('follow:state', { boardId: who.boardId, leader: shown });
	});
	let lastViewport = 0;
	socket.on('follow:viewport', (payload: unknown) => {
		const parsed = EVENT_INPUT.viewport.safeParse(payload);
		if (!parsed.success) return;
		const { boardId, x, y, zoom } = parsed.data;
		if (live.leader(boardId)?.socketId !== socket.id) return;
		const now = Date.now();
		if (now - lastViewport < VIEWPORT_INTERVAL_MS) return;
		lastViewport = now;
		live.setViewport(boardId, { x, y, zoom });
		socket.to(boardRoom(boardId)).volatile.emit('follow:viewport', {
			boardId,
			viewport: { x, y, zoom }
		});
	});
	command(deps, socket, 'spotlight:set', async (who, input) => {
		live.setSpotlight(who.boardId, input.itemId);
		await record(who, 'spotlight', { itemId: input.itemId });
		io.to(boardRoom(who.boardId)).emit('spotlight', { boardId: who.boardId, itemId: input.itemId });
	});
	command(deps, socket, 'lock:set', async (who, i) => {
		await locks.set({ ...i, actorId: who.userId });
		await record(who, i.locked ? 'lock' : 'unlock', { targetId: i.targetId });
		const targets = [...locks.of(who.boardId)];
		io.to(boardRoom(who.boardId)).emit('locks:state', { boardId: who.boardId, targets });
	});
}
