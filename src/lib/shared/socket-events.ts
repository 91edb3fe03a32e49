import type {
	CommandAck,
	Reaction,
	SessionState,
	Signal,
	Viewport,
	VoteResult,
	VoteRound,
	VoteTally
} from './facilitation.ts';
import type { Role } from './roles.ts';

/** One person on a board, as the presence list shows them. */
export interface PresencePerson {
	/** Opaque per-board id of the person (stable across their tabs and reconnects). */
	id: string;
	name: string;
	/** Who they speak as (usager, agent, …), or null when not set (e.g. a facilitator). */
	category: string | null;
	role: Role;
	/** Colour used for their cursor and selection, `#rrggbb`. */
	color: string;
}

/** Reply to `board:join`. */
export type JoinBoardAck =
	| { ok: true; you: PresencePerson; people: PresencePerson[] }
	| { ok: false; error: string; code: 'unauthenticated' | 'forbidden' | 'not_found' | 'invalid' };

/** Events the server sends (socket.io, path `/socket.io`). */
export interface ServerToClientEvents {
	/** The full list of people currently on `boardId`, sent whenever it changes. */
	presence: (payload: { boardId: string; people: PresencePerson[] }) => void;
	/** Your role or category in this workshop changed, or you were removed: reload the page. */
	'access:changed': (payload: { workshopId: string }) => void;
	/**
	 * The workshop's anonymous mode changed (names in presence and awareness follow at once, without
	 * reconnecting): participants now show by their category only, or by their names again.
	 */
	'workshop:anonymity': (payload: { workshopId: string; anonymous: boolean }) => void;
	/** Agenda, current phase and timer of the workshop (on join and after every change). */
	'session:state': (state: SessionState) => void;
	/** Raised hands in the order they were raised (facilitators only). */
	'hands:state': (payload: { workshopId: string; hands: Signal[] }) => void;
	/** Whether your own hand is raised (after you or a facilitator changed it). */
	'hand:yours': (payload: { workshopId: string; raised: boolean }) => void;
	/** A quick reaction (facilitators only). */
	reaction: (payload: { workshopId: string; reaction: Reaction; from: Signal }) => void;
	/**
	 * Facilitators: how many people voted in the open round, out of those who may, and the dots per
	 * object and category so far (counts only, never who voted for what).
	 */
	'vote:progress': (payload: {
		boardId: string;
		roundId: string;
		voted: number;
		total: number;
		/** Dots per object and category so far, most dots first (live bars in the cockpit). */
		tally: VoteTally[];
	}) => void;
	/** Facilitators: private ideas written so far, per category, before the reveal (counts only). */
	'brainstorm:drafts': (payload: { boardId: string; byCategory: Record<string, number> }) => void;
	/** A quick reaction drawn as a short burst on everyone's canvas (nobody's name: anonymous). */
	'reaction:burst': (payload: { boardId: string; reaction: Reaction }) => void;
	/** Who leads "follow me" on this board (null: nobody). */
	'follow:state': (payload: {
		boardId: string;
		leader: { personId: string; name: string } | null;
	}) => void;
	/** The leader's viewport (sent as volatile: only the latest matters). */
	'follow:viewport': (payload: { boardId: string; viewport: Viewport }) => void;
	/** The object or frame in the spotlight (null: none). */
	spotlight: (payload: { boardId: string; itemId: string | null }) => void;
	/** The board's locks: `''` is the whole board, other ids are frames or objects. */
	'locks:state': (payload: { boardId: string; targets: string[] }) => void;
	/** The board's open voting round (null once closed). */
	'vote:state': (payload: { boardId: string; round: VoteRound | null }) => void;
	/** Your own dots in the open round (one entry per dot). */
	'vote:mine': (payload: { boardId: string; roundId: string; dots: string[] }) => void;
	/** A closed round's results, per object and per category: sent only once it is closed. */
	'vote:results': (payload: { boardId: string; round: VoteRound; results: VoteResult[] }) => void;
	/** Whether a silent brainstorm is on: new notes go to one's private draft. */
	'brainstorm:state': (payload: { boardId: string; on: boolean }) => void;
	/** An update of your own draft made in another of your tabs (nobody else gets it). */
	'draft:update': (payload: { boardId: string; update: Uint8Array }) => void;
	/** The drafts were revealed into the board: drop your local draft. */
	'draft:cleared': (payload: { boardId: string }) => void;
	/** Go to this board of the workshop (peer groups split, or crossing back to the plenary). */
	'workshop:goto': (payload: { workshopId: string; boardId: string }) => void;
	/** The workshop's peer-group boards, one per category. */
	'groups:state': (payload: {
		workshopId: string;
		groups: { category: string; boardId: string }[];
	}) => void;
}

/** Reply to `facilitation:join`: the state a newcomer (or a reconnecting client) needs. */
export type FacilitationJoinAck =
	| {
			ok: true;
			session: SessionState;
			locks: string[];
			follow: { personId: string; name: string } | null;
			spotlight: string | null;
			/** Raised hands, for facilitators (empty for others). */
			hands: Signal[];
			handRaised: boolean;
			vote: {
				round: VoteRound | null;
				/** Your dots in the open round. */
				mine: string[];
				/** The latest closed round's results. */
				last: { round: VoteRound; results: VoteResult[] } | null;
			};
			/** True while a silent brainstorm is on. */
			brainstorm: boolean;
			/**
			 * Participants: their own peer-group board while the groups are split and not yet
			 * crossed, when they are on another board (joined late, or reloaded); else null.
			 */
			group: { boardId: string; category: string } | null;
	  }
	| { ok: false; code: 'invalid' | 'not_joined' };

type Command<T> = (payload: T, ack?: (result: CommandAck) => void) => void;

/** Events a client sends; each is checked on the server against the caller's rights. */
export interface ClientToServerEvents {
	/** Enter a board's presence room (the caller must be allowed on the board). */
	'board:join': (payload: { boardId: string }, ack: (result: JoinBoardAck) => void) => void;
	/** Leave a board's presence room. */
	'board:leave': (payload: { boardId: string }) => void;
	/** Enter the facilitation of a board's workshop (after `board:join`). */
	'facilitation:join': (
		payload: { boardId: string },
		ack: (result: FacilitationJoinAck) => void
	) => void;
	/** Facilitators: replace the agenda (phases keep their id when given). */
	'agenda:set': Command<{
		boardId: string;
		phases: { id?: string; title: string; plannedSeconds: number }[];
	}>;
	/** Facilitators: make a phase current (its timer is set to its planned duration, paused). */
	'phase:set': Command<{ boardId: string; phaseId: string | null }>;
	/** Facilitators: start (or resume) the timer, optionally with a new duration in seconds. */
	'timer:start': Command<{ boardId: string; seconds?: number }>;
	/** Facilitators: pause the timer. */
	'timer:pause': Command<{ boardId: string }>;
	/** Facilitators: add (or remove, when negative) seconds. */
	'timer:add': Command<{ boardId: string; seconds: number }>;
	/** Raise or lower one's own hand. */
	'hand:set': Command<{ boardId: string; raised: boolean }>;
	/** Facilitators: lower someone's hand. */
	'hand:lower': Command<{ boardId: string; personId: string }>;
	/** Send a quick reaction to the facilitators. */
	'reaction:send': Command<{ boardId: string; reaction: Reaction }>;
	/** Facilitators: start or stop "follow me" on a board. */
	'follow:set': Command<{ boardId: string; on: boolean }>;
	/** The leader's viewport, relayed to followers. */
	'follow:viewport': (payload: { boardId: string } & Viewport) => void;
	/** Facilitators: put an object or frame in the spotlight (null to clear). */
	'spotlight:set': Command<{ boardId: string; itemId: string | null }>;
	/** Facilitators: lock or unlock the board (`''`), a frame or an object. */
	'lock:set': Command<{ boardId: string; targetId: string; locked: boolean }>;
	/** Facilitators: open a dot-voting round on the board or one frame (closes any open one). */
	'vote:open': Command<{
		boardId: string;
		frameId: string | null;
		dots: number;
		onePerObject: boolean;
		anonymous: boolean;
	}>;
	/** Put one dot on an object (refused beyond the round's rules). */
	'vote:cast': Command<{ boardId: string; itemId: string }>;
	/** Take back one of one's dots on an object. */
	'vote:retract': Command<{ boardId: string; itemId: string }>;
	/** Facilitators: close the round; everyone then gets the results. */
	'vote:close': Command<{ boardId: string }>;
	/** Facilitators: start or stop a silent brainstorm. */
	'brainstorm:set': Command<{ boardId: string; on: boolean }>;
	/** A Yjs update of one's private draft (only while a brainstorm is on). */
	'draft:update': Command<{ boardId: string; update: Uint8Array }>;
	/** One's private draft, encoded as a Yjs update. */
	'draft:sync': (payload: { boardId: string }, ack: (state: Uint8Array) => void) => void;
	/** Facilitators: reveal every draft into the board at once (attributed by category only). */
	'brainstorm:reveal': Command<{ boardId: string }>;
	/** Facilitators: split participants into one peer-group board per category. */
	/** Facilitators: send everyone following the workshop to this board (not a peer group's). */
	'workshop:gather': Command<{ boardId: string }>;
	'groups:split': Command<{ boardId: string }>;
	/** Facilitators: bring the groups' boards side by side onto this (plenary) board. */
	'groups:cross': Command<{ boardId: string }>;
}
