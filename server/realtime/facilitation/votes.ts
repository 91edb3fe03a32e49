import * as Y from 'yjs';
import { itemAt } from '../../../src/lib/board/schema.ts';
import { isFailure } from '../../../src/lib/server/services/failure.ts';
import {
	castDot,
	closeRound,
	dotsOf,
	latestResults,
	openRound,
	retractDot,
	roundResults,
	startRound,
	voterCount
} from '../../../src/lib/server/services/votes.ts';
import type { VoteResult, VoteRound } from '../../../src/lib/shared/facilitation.ts';
import type { FacilitationJoinAck } from '../../../src/lib/shared/socket-events.ts';
import type { BoardIdentity } from '../access.ts';
import type { PresenceSocket } from '../socket-io.ts';
import {
	boardRoom,
	command,
	facilitatorsRoom,
	record,
	RefusedError,
	type FacilitationDeps
} from './commands.ts';

/**
 * Dot voting: a facilitator opens a round on a board or one frame; people put dots on objects
 * within the round's rules (checked against the live board document); nobody sees any count until
 * the round closes, then everyone gets the results per object and per category.
 */

/** Deepest frame nesting followed when checking that an object is inside the round's frame. */
const MAX_FRAME_DEPTH = 32;

/** True when `itemId` exists on the board and, for a frame round, sits inside that frame. */
function votable(doc: Y.Doc, itemId: string, frameId: string | null): boolean {
	if (!itemAt(doc, itemId) || itemId === frameId) return false;
	if (frameId === null) return true;
	let current: unknown = itemAt(doc, itemId)?.get('frame');
	for (let depth = 0; typeof current === 'string' && depth < MAX_FRAME_DEPTH; depth++) {
		if (current === frameId) return true;
		current = itemAt(doc, current)?.get('frame');
	}
	return false;
}

async function onBoard(
	deps: FacilitationDeps,
	boardId: string,
	itemId: string,
	frameId: string | null
) {
	const room = await deps.rooms.acquire(boardId);
	try {
		return votable(room.doc, itemId, frameId);
	} finally {
		deps.rooms.release(room);
	}
}

/**
 * Sends a closed round's results to the board's room; viewers who see pseudonyms (evaluators, by
 * default) get their own copy with the voters' pseudonyms.
 */
async function emitResults(
	deps: FacilitationDeps,
	who: BoardIdentity,
	round: VoteRound,
	results: VoteResult[]
): Promise<void> {
	const room = boardRoom(who.boardId);
	const pseudonymous = (await deps.io.in(room).fetchSockets()).filter(
		(socket) => socket.data.boards[who.boardId]?.seesPseudonyms
	);
	deps.io
		.to(room)
		.except(pseudonymous.map((socket) => socket.id))
		.emit('vote:results', { boardId: who.boardId, round, results });
	if (pseudonymous.length === 0) return;
	const hidden = await roundResults(round, { workshopId: who.workshopId, seesPseudonyms: true });
	for (const socket of pseudonymous) {
		socket.emit('vote:results', { boardId: who.boardId, round, results: hidden });
	}
}

/** The voting part of `facilitation:join`. */
export async function voteSnapshot(
	identity: BoardIdentity
): Promise<Extract<FacilitationJoinAck, { ok: true }>['vote']> {
	const round = await openRound(identity.boardId);
	return {
		round,
		mine: round ? await dotsOf(round.id, identity.userId) : [],
		last: await latestResults(identity.boardId, identity)
	};
}

function sendMine(
	socket: PresenceSocket,
	identity: BoardIdentity,
	roundId: string,
	dots: string[]
) {
	socket.emit('vote:mine', { boardId: identity.boardId, roundId, dots });
}

/**
 * Tells the workshop's facilitators how many people voted in the open round out of those who may
 * (participants who may write, on the board now) and the dots per object and category so far, for
 * live bars. Counts only, never who voted for what.
 */
async function emitProgress(deps: FacilitationDeps, who: BoardIdentity, round: VoteRound) {
	const sockets = await deps.io.in(boardRoom(who.boardId)).fetchSockets();
	const voters = new Set<string>();
	for (const socket of sockets) {
		const identity = socket.data.boards?.[who.boardId];
		if (identity?.writable && identity.role !== 'facilitator') voters.add(socket.data.userId);
	}
	const [voted, results] = await Promise.all([voterCount(round.id), roundResults(round)]);
	deps.io.to(facilitatorsRoom(who.workshopId)).emit('vote:progress', {
		boardId: who.boardId,
		roundId: round.id,
		voted,
		total: Math.max(voted, voters.size),
		tally: results.map(({ itemId, total, byCategory }) => ({ itemId, total, byCategory }))
	});
}

/** Registers the voting events on a socket. */
export function registerVotes(deps: FacilitationDeps, socket: PresenceSocket): void {
	const { io } = deps;
	command(deps, socket, 'vote:open', async (who, input) => {
		const round = await startRound({ ...input, workshopId: who.workshopId, openedBy: who.userId });
		await record(who, 'vote-open', { ...round });
		io.to(boardRoom(who.boardId)).emit('vote:state', { boardId: who.boardId, round });
		await emitProgress(deps, who, round);
	});
	command(deps, socket, 'vote:cast', async (who, input) => {
		const round = await openRound(who.boardId);
		if (!round) throw new RefusedError('no open round', 'conflict');
		if (!(await onBoard(deps, who.boardId, input.itemId, round.frameId))) {
			throw new RefusedError('not votable', 'invalid');
		}
		const dots = await castDot({
			round,
			userId: who.userId,
			category: who.category,
			itemId: input.itemId
		});
		if (isFailure(dots))
			throw new RefusedError(dots.code, dots.code === 'round_closed' ? 'conflict' : 'limit');
		await record(who, 'vote', { roundId: round.id, itemId: input.itemId });
		sendMine(socket, who, round.id, dots);
		await emitProgress(deps, who, round);
	});
	command(deps, socket, 'vote:retract', async (who, input) => {
		const round = await openRound(who.boardId);
		if (!round) throw new RefusedError('no open round', 'conflict');
		const dots = await retractDot({ round, userId: who.userId, itemId: input.itemId });
		await record(who, 'vote-retract', { roundId: round.id, itemId: input.itemId });
		sendMine(socket, who, round.id, dots);
		await emitProgress(deps, who, round);
	});
	command(deps, socket, 'vote:close', async (who) => {
		const round = await closeRound(who.boardId);
		if (!round) throw new RefusedError('no open round', 'conflict');
		const results = await roundResults(round);
		await record(who, 'vote-close', { roundId: round.id, objects: results.length });
		io.to(boardRoom(who.boardId)).emit('vote:state', { boardId: who.boardId, round: null });
		await emitResults(deps, who, round, results);
	});
}
