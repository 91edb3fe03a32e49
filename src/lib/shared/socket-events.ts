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
}

/** Events a client sends; each is checked on the server against the caller's rights. */
export interface ClientToServerEvents {
	/** Enter a board's presence room (the caller must be allowed on the board). */
	'board:join': (payload: { boardId: string }, ack: (result: JoinBoardAck) => void) => void;
	/** Leave a board's presence room. */
	'board:leave': (payload: { boardId: string }) => void;
}
