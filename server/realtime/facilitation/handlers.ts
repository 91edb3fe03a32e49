import { commandInput, type Signal } from '../../../src/lib/shared/facilitation.ts';
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
import { addTime, pauseTimer, replaceAgenda, selectPhase, startTimer } from './session.ts';
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
	registerSession(deps, socket);
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
	const parsed = commandInput.join.safeParse(payload);
	if (!parsed.success) return { ok: false, code: 'invalid' };
	const { boardId } = parsed.data;
	const identity = socket.data.boards[boardId];
	if (!identity) return { ok: false, code: 'not_joined' };
	const { workshopId } = identity;
	const facilitator = identity.role === 'facilitator';
	await socket.join(workshopRoom(workshopId));
	if (facilitator) await socket.join(facilitatorsRoom(workshopId));
	const leader = deps.live.leader(boardId);
	return {
		ok: true,
		session: await deps.sessions.get(workshopId),
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

function registerSession(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { sessions, io } = deps;
	const announce = async (identity: BoardIdentity, type: string, state: Promise<unknown>) => {
		const session = (await state) as Awaited<ReturnType<typeof sessions.get>>;
		const { phaseId, timer } = session;
		await record(identity, type, { phaseId, timer, agenda: session.agenda.length });
		io.to(workshopRoom(identity.workshopId)).emit('session:state', session);
	};
	const rule = 'facilitator' as const;
	command(deps, socket, { event: 'agenda:set', schema: commandInput.agenda, rule }, (who, input) =>
		announce(
			who,
			'agenda',
			sessions.update(who.workshopId, (s) => replaceAgenda(s, input.phases))
		)
	);
	command(deps, socket, { event: 'phase:set', schema: commandInput.phase, rule }, (who, input) =>
		announce(
			who,
			'phase',
			sessions.update(who.workshopId, (s) => selectPhase(s, input.phaseId))
		)
	);
	command(deps, socket, { event: 'timer:start', schema: commandInput.timerStart, rule }, (who, i) =>
		announce(
			who,
			'timer-start',
			sessions.update(who.workshopId, (s, now) => ({
				...s,
				timer: startTimer(s.timer, now, i.seconds)
			}))
		)
	);
	command(deps, socket, { event: 'timer:pause', schema: commandInput.timerPause, rule }, (who) =>
		announce(
			who,
			'timer-pause',
			sessions.update(who.workshopId, (s, now) => ({ ...s, timer: pauseTimer(s.timer, now) }))
		)
	);
	command(deps, socket, { event: 'timer:add', schema: commandInput.timerAdd, rule }, (who, i) =>
		announce(
			who,
			'timer-add',
			sessions.update(who.workshopId, (s, now) => ({
				...s,
				timer: addTime(s.timer, now, i.seconds)
			}))
		)
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
	command(
		deps,
		socket,
		{ event: 'hand:set', schema: commandInput.hand, rule: 'writer' },
		async (who, input) => {
			if (!live.setHand(who.workshopId, signalOf(who), input.raised)) return;
			await record(who, input.raised ? 'hand-raise' : 'hand-lower', {});
			announce(who.workshopId, who.personId, input.raised);
		}
	);
	const lower = {
		event: 'hand:lower',
		schema: commandInput.handLower,
		rule: 'facilitator'
	} as const;
	command(deps, socket, lower, async (who, input) => {
		const hand = live.hands(who.workshopId).find((one) => one.personId === input.personId);
		if (!hand || !live.setHand(who.workshopId, hand, false)) return;
		await record(who, 'hand-lowered-by-facilitator', { personId: input.personId });
		announce(who.workshopId, input.personId, false);
	});
	let lastReaction = 0;
	const react = { event: 'reaction:send', schema: commandInput.react, rule: 'writer' } as const;
	command(deps, socket, react, async (who, input) => {
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
	const rule = 'facilitator' as const;
	command(
		deps,
		socket,
		{ event: 'follow:set', schema: commandInput.follow, rule },
		async (who, i) => {
			const leader = i.on ? { personId: who.personId, name: who.name, socketId: socket.id } : null;
			live.setLeader(who.boardId, leader);
			await record(who, i.on ? 'follow-start' : 'follow-stop', {});
			const shown = leader ? { personId: leader.personId, name: leader.name } : null;
			io.to(boardRoom(who.boardId)).emit('follow:state', { boardId: who.boardId, leader: shown });
		}
	);
	let lastViewport = 0;
	socket.on('follow:viewport', (payload: unknown) => {
		const parsed = commandInput.viewport.safeParse(payload);
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
	const spot = { event: 'spotlight:set', schema: commandInput.spotlight, rule } as const;
	command(deps, socket, spot, async (who, input) => {
		live.setSpotlight(who.boardId, input.itemId);
		await record(who, 'spotlight', { itemId: input.itemId });
		io.to(boardRoom(who.boardId)).emit('spotlight', { boardId: who.boardId, itemId: input.itemId });
	});
	command(deps, socket, { event: 'lock:set', schema: commandInput.lock, rule }, async (who, i) => {
		await locks.set({ ...i, actorId: who.userId });
		await record(who, i.locked ? 'lock' : 'unlock', { targetId: i.targetId });
		const targets = [...locks.of(who.boardId)];
		io.to(boardRoom(who.boardId)).emit('locks:state', { boardId: who.boardId, targets });
	});
}
