import type { Reaction, TimerState, VoteRound } from './facilitation.ts';
import type { Role } from './roles.ts';
import type { WorkshopSettingsInput } from './workshop-validation.ts';

/**
 * The catalogue of workshop events (`workshop_events` rows), written once: each type with the
 * payload it carries. Writers record through one function (`recordEvent` in
 * `src/lib/server/services/workshop-events.ts`), which accepts only a type of this catalogue with
 * its payload. Readers are exhaustive: the replay's timeline switches over `WorkshopEventType`, and
 * `EVENT_ID_FIELDS` (`workshop-event-ids.ts`: which payload fields hold person, board and round
 * ids, for erasure and the workshop record export and import) has an entry for every type, so a
 * new type does not compile until each of them knows it.
 */
export interface WorkshopEventPayloads {
	/** Someone entered a board (presence). */
	join: { role: Role; category: string | null };
	/** Someone left a board. */
	leave: { role: Role; category: string | null };
	/** The agenda changed (`agenda`: its number of phases). */
	agenda: LiveRunEventPayload;
	/** A phase became current. */
	phase: LiveRunEventPayload;
	'timer-start': LiveRunEventPayload;
	'timer-pause': LiveRunEventPayload;
	'timer-add': LiveRunEventPayload;
	'hand-raise': Empty;
	'hand-lower': Empty;
	'hand-lowered-by-facilitator': { personId: string };
	reaction: { reaction: Reaction };
	'follow-start': Empty;
	'follow-stop': Empty;
	spotlight: { itemId: string | null };
	lock: { targetId: string };
	unlock: { targetId: string };
	'vote-open': VoteRound;
	/** A dot put on an object. */
	vote: { roundId: string; itemId: string };
	'vote-retract': { roundId: string; itemId: string };
	/** A round closed (`objects`: how many objects got dots). */
	'vote-close': { roundId: string; objects: number };
	'brainstorm-start': Empty;
	'brainstorm-stop': Empty;
	/** The private drafts were revealed (`items`: how many objects). */
	'brainstorm-reveal': { items: number };
	/** Peer groups formed: category → its board id. */
	'groups-split': { groups: Record<string, string> };
	/** Peer groups crossed onto the plenary (`groups`: how many). */
	'groups-cross': { groups: number };
	/** Everyone following the workshop was sent to one board. */
	gather: Empty;
	'person-updated': { userId: string; role?: Role; category?: string | null };
	'person-removed': { userId: string; revokeLink: boolean };
	'person-admitted': { userId: string };
	/** Someone's personal data were erased (the actor is the facilitator). */
	'person-erased': Empty;
	'invite-revoked': { inviteId: string };
	/** Objects deleted earlier were restored from the history at `seq`. */
	'objects-restored': { boardId: string; seq: number; count: number };
	/** The retention purge removed a board's updates before `beforeSeq`. */
	'log-purged': { boardId: string; beforeSeq: number; count: number };
	'workshop-programme': { programmeId: string | null };
	'workshop-settings': Partial<WorkshopSettingsInput>;
	'workshop-archived': Empty;
	'results-published': { boardIds: string[] };
	'results-unpublished': Empty;
}

/** A payload with nothing in it. */
type Empty = Record<string, never>;

/** What the agenda and timer events carry: the state after the change. */
export interface LiveRunEventPayload {
	phaseId: string | null;
	timer: TimerState;
	/** Number of phases in the agenda. */
	agenda: number;
}

/** A type of workshop event. */
export type WorkshopEventType = keyof WorkshopEventPayloads;

/** One event of type `T` as it is recorded. */
export interface WorkshopEvent<T extends WorkshopEventType = WorkshopEventType> {
	workshopId: string;
	/** The board it happened on, or null for the workshop as a whole. */
	boardId?: string | null;
	/** Who did it, or null for the server itself (the retention purge). */
	actorId: string | null;
	/** When; the database's clock when left out. */
	at?: Date;
	type: T;
	payload: WorkshopEventPayloads[T];
}

/** Every type of the catalogue, for checking a type read back (the table itself keeps any text). */
const TYPES: Record<WorkshopEventType, true> = {
	join: true,
	leave: true,
	agenda: true,
	phase: true,
	'timer-start': true,
	'timer-pause': true,
	'timer-add': true,
	'hand-raise': true,
	'hand-lower': true,
	'hand-lowered-by-facilitator': true,
	reaction: true,
	'follow-start': true,
	'follow-stop': true,
	spotlight: true,
	lock: true,
	unlock: true,
	'vote-open': true,
	vote: true,
	'vote-retract': true,
	'vote-close': true,
	'brainstorm-start': true,
	'brainstorm-stop': true,
	'brainstorm-reveal': true,
	'groups-split': true,
	'groups-cross': true,
	gather: true,
	'person-updated': true,
	'person-removed': true,
	'person-admitted': true,
	'person-erased': true,
	'invite-revoked': true,
	'objects-restored': true,
	'log-purged': true,
	'workshop-programme': true,
	'workshop-settings': true,
	'workshop-archived': true,
	'results-published': true,
	'results-unpublished': true
};

/** Every event type of the catalogue. */
export const WORKSHOP_EVENT_TYPES = Object.keys(TYPES) as WorkshopEventType[];

/** True when `type` (as read from the database or an imported file) is in the catalogue. */
export function isWorkshopEventType(type: string): type is WorkshopEventType {
	return Object.hasOwn(TYPES, type);
}

/** Fails to compile when a `switch` over event types misses one; throws if reached anyway. */
export function unknownEventType(type: never): never {
	throw new Error(`unknown workshop event type: ${String(type)}`);
}
