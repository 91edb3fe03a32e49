/**
 * Facilitation state and commands shared by the socket.io server (`server/realtime/facilitation/`)
 * and the browser: the agenda and its timer, hands and reactions, follow-me, spotlight and locks.
 * The server owns all of it; clients only send commands it checks (`commands.ts`).
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
export interface LiveRunState {
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

/** A facilitator's viewport, which followers copy (its schema: `EVENT_INPUT.viewport`). */
export type { Viewport } from './commands.ts';

/** Milliseconds left on a timer at `now` (never negative). */
export function remainingMs(timer: TimerState, now: number): number {
	if (!timer.running || timer.endsAt === null) return Math.max(0, timer.remainingMs);
	return Math.max(0, timer.endsAt - now);
}

/** Longest planned phase or timer, in seconds (8 hours). */
export const MAX_TIMER_SECONDS = 8 * 3600;

/** Most dots a person may get in one round. */
export const MAX_DOTS = 20;

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
