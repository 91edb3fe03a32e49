import type {
	BoardPayload,
	CommandEvents,
	CommandInput,
	Viewport,
	ViewportPayload
} from './commands.ts';
import type {
	Reaction,
	LiveRunState,
	Signal,
	VoteResult,
	VoteRound,
	VoteTally
} from './facilitation.ts';
import type { Refusal } from './refusals.ts';
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
	| (Refusal & { reason: 'forbidden' | 'not_found' | 'invalid' | 'rate'; error: string });

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
	'run:state': (state: LiveRunState) => void;
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
			liveRun: LiveRunState;
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
	| (Refusal & { reason: 'invalid' | 'not_joined' });

/**
 * Events a client sends; each is checked on the server against the caller's rights. The commands
 * (`agenda:set`, `vote:cast`, …) come from the table in `commands.ts`, typed from its schemas.
 */
export interface ClientToServerEvents extends CommandEvents {
	/** Enter a board's presence room (the caller must be allowed on the board). */
	'board:join': (payload: BoardPayload, ack: (result: JoinBoardAck) => void) => void;
	/** Leave a board's presence room. */
	'board:leave': (payload: BoardPayload) => void;
	/** Enter the facilitation of a board's workshop (after `board:join`). */
	'facilitation:join': (payload: BoardPayload, ack: (result: FacilitationJoinAck) => void) => void;
	/** The leader's viewport, relayed to followers. */
	'follow:viewport': (payload: ViewportPayload) => void;
	/** One's private draft, encoded as a Yjs update. */
	'draft:sync': (payload: BoardPayload, ack: (state: Uint8Array) => void) => void;
}

/** What a client sends for command `N`, without the board (the client adds its own). */
export type CommandArgs<N extends keyof CommandEvents> = Omit<CommandInput<N>, 'boardId'>;
