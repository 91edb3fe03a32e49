import { z } from 'zod';

/**
 * Facilitation state and commands shared by the socket.io server (`server/realtime/facilitation/`)
 * and the browser: the agenda and its timer, hands and reactions, follow-me, spotlight and locks.
 * The server owns all of it; clients only send commands it checks.
 */

/** One agenda phase with its planned duration. */
export interface AgendaPhase {
	id: string;
	title: string;
	/** Planned duration, in seconds. */
	plannedSeconds: number;
}

/**
 * The workshop timer, held by the server. Running: it ends at `endsAt` (ms since the epoch, server
 * clock). Paused: `remainingMs` are left.
 */
export interface TimerState {
	running: boolean;
	endsAt: number | null;
	remainingMs: number;
}

/** Agenda, current phase and timer: what everyone sees. */
export interface SessionState {
	workshopId: string;
	agenda: AgendaPhase[];
	phaseId: string | null;
	timer: TimerState;
	/** The server's clock when this state was sent (ms), to correct a client's clock skew. */
	serverNow: number;
}

/** A raised hand or a quick reaction, as the facilitator sees it. */
export interface Signal {
	/** Opaque per-workshop id of the person. */
	personId: string;
	name: string;
	category: string | null;
	/** ms since the epoch, server clock. */
	at: number;
}

/** Quick reactions a participant may send. */
export const REACTIONS = ['agree', 'disagree', 'clarify', 'slower', 'break'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Lock target standing for the whole board. */
export const WHOLE_BOARD = '';

/** A facilitator's viewport, which followers copy. */
export interface Viewport {
	x: number;
	y: number;
	zoom: number;
}

/** Milliseconds left on a timer at `now` (never negative). */
export function remainingMs(timer: TimerState, now: number): number {
	if (!timer.running || timer.endsAt === null) return Math.max(0, timer.remainingMs);
	return Math.max(0, timer.endsAt - now);
}

/** Longest planned phase or timer, in seconds (8 hours). */
export const MAX_TIMER_SECONDS = 8 * 3600;

/** Most dots a person may get in one round. */
export const MAX_DOTS = 20;

const id = z.string().min(1).max(64);
const seconds = z.int().min(0).max(MAX_TIMER_SECONDS);

/** Payloads of the facilitation commands, validated on the server. */
export const commandInput = {
	join: z.object({ boardId: id }),
	agenda: z.object({
		boardId: id,
		phases: z
			.array(
				z.object({
					id: id.optional(),
					title: z.string().trim().min(1).max(120),
					plannedSeconds: seconds
				})
			)
			.max(40)
	}),
	phase: z.object({ boardId: id, phaseId: id.nullable() }),
	timerStart: z.object({ boardId: id, seconds: seconds.min(1).optional() }),
	timerPause: z.object({ boardId: id }),
	timerAdd: z.object({ boardId: id, seconds: z.int().min(-3600).max(3600) }),
	hand: z.object({ boardId: id, raised: z.boolean() }),
	handLower: z.object({ boardId: id, personId: z.string().min(1).max(64) }),
	react: z.object({ boardId: id, reaction: z.enum(REACTIONS) }),
	gather: z.object({ boardId: id }),
	follow: z.object({ boardId: id, on: z.boolean() }),
	viewport: z.object({
		boardId: id,
		x: z.number().finite(),
		y: z.number().finite(),
		zoom: z.number().finite().min(0.01).max(100)
	}),
	spotlight: z.object({ boardId: id, itemId: z.string().max(64).nullable() }),
	lock: z.object({ boardId: id, targetId: z.string().max(64), locked: z.boolean() }),
	voteOpen: z.object({
		boardId: id,
		frameId: id.nullable().default(null),
		dots: z.int().min(1).max(MAX_DOTS),
		onePerObject: z.boolean().default(false),
		anonymous: z.boolean().default(false)
	}),
	vote: z.object({ boardId: id, itemId: id }),
	voteClose: z.object({ boardId: id }),
	brainstorm: z.object({ boardId: id, on: z.boolean() }),
	draft: z.object({ boardId: id, update: z.instanceof(Uint8Array) })
} as const;

/** Answer of every facilitation command (`refused`: against the current rules, e.g. no dot left). */
export type CommandAck =
	| { ok: true }
	| { ok: false; code: 'invalid' | 'forbidden' | 'not_joined' | 'refused' }
	| BoardFullRefusal;

/**
 * A command refused whole because it would take the board past `MAX_OBJECTS_PER_BOARD` (revealing
 * drafts, crossing peer groups): nothing was written.
 */
export interface BoardFullRefusal {
	ok: false;
	code: 'board_full';
	/** The board's object limit. */
	limit: number;
	/** Objects on the board now. */
	objects: number;
	/** Objects the command would add. */
	adding: number;
}

/** A dot-voting round as everyone sees it. */
export interface VoteRound {
	id: string;
	boardId: string;
	/** Only objects of this frame may get dots (null: the whole board). */
	frameId: string | null;
	dots: number;
	onePerObject: boolean;
	anonymous: boolean;
	open: boolean;
}

/** The dots one object got, in total and per category (side by side), voters when not anonymous. */
export interface VoteResult {
	itemId: string;
	total: number;
	byCategory: Record<string, number>;
	/** Names of the voters (empty in an anonymous round). */
	voters: string[];
}

/** The dots one object has so far in an open round, per category: counts only, nobody's name. */
export type VoteTally = Pick<VoteResult, 'itemId' | 'total' | 'byCategory'>;
