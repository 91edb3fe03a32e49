import {
	isWorkshopEventType,
	type WorkshopEventPayloads,
	type WorkshopEventType
} from './workshop-events.ts';

/**
 * Which fields of each workshop event's payload hold ids, and of what: written once, for every
 * type of the catalogue, so that the readers that rewrite ids (RGPD erasure, the workshop record
 * export and import) cannot miss one. A type added to `WorkshopEventPayloads` does not compile
 * until `EVENT_ID_FIELDS` says which of its fields hold ids (an empty entry when none do).
 */

/**
 * What an id inside a payload points at: `user`, a person's user id; `boardPerson`, a person's
 * opaque per-board id (`personIdOf(boardId, userId)`, computed with the event's board); `board`,
 * a board id; `round`, a vote round id.
 */
export type EventIdKind = 'user' | 'boardPerson' | 'board' | 'round';

/** A value that can hold ids: one id (or none), a list of ids, or a record whose values are ids. */
type IdHolder = string | null | readonly string[] | Readonly<Record<string, string>>;

/** The payload fields of `T` whose values can hold ids (none for an empty payload). */
export type IdField<T extends WorkshopEventType> = {
	[K in keyof WorkshopEventPayloads[T]]-?: [WorkshopEventPayloads[T][K]] extends [never]
		? never
		: NonNullable<WorkshopEventPayloads[T][K]> extends IdHolder
			? K
			: never;
}[keyof WorkshopEventPayloads[T]] &
	string;

/** The fields of `T`'s payload holding ids, by kind (a kind left out: no field of it). */
export type EventIdFields<T extends WorkshopEventType> = {
	readonly [Kind in EventIdKind]?: readonly IdField<T>[];
};

/** `EventIdFields` of any type, field names widened to strings (for reading the table). */
type AnyIdFields = { readonly [Kind in EventIdKind]?: readonly string[] };

/** Every type of the catalogue with the fields of its payload that hold ids. */
export const EVENT_ID_FIELDS: { readonly [T in WorkshopEventType]: EventIdFields<T> } = {
	join: {},
	leave: {},
	agenda: {},
	phase: {},
	'timer-start': {},
	'timer-pause': {},
	'timer-add': {},
	'hand-raise': {},
	'hand-lower': {},
	'hand-lowered-by-facilitator': { boardPerson: ['personId'] },
	reaction: {},
	'follow-start': {},
	'follow-stop': {},
	// Object ids live in the boards' documents, which keep them: they are not rewritten.
	spotlight: {},
	lock: {},
	unlock: {},
	'vote-open': { round: ['id'], board: ['boardId'] },
	vote: { round: ['roundId'] },
	'vote-retract': { round: ['roundId'] },
	'vote-close': { round: ['roundId'] },
	'brainstorm-start': {},
	'brainstorm-stop': {},
	'brainstorm-reveal': {},
	'groups-split': { board: ['groups'] },
	'groups-cross': {},
	gather: {},
	'person-updated': { user: ['userId'] },
	'person-removed': { user: ['userId'] },
	'person-admitted': { user: ['userId'] },
	'person-erased': {},
	'invite-revoked': {},
	'objects-restored': { board: ['boardId'] },
	'log-purged': { board: ['boardId'] },
	// Programmes are not part of a workshop record, and erasure leaves them alone.
	'workshop-programme': {},
	'workshop-settings': {},
	'workshop-archived': {},
	'results-published': { board: ['boardIds'] },
	'results-unpublished': {}
};

/** The event types whose payload names a person (what erasure must look at). */
export const PERSON_EVENT_TYPES: readonly WorkshopEventType[] = (
	Object.keys(EVENT_ID_FIELDS) as WorkshopEventType[]
).filter((type) => personFields(type).length > 0);

function personFields(type: WorkshopEventType): readonly string[] {
	const fields: AnyIdFields = EVENT_ID_FIELDS[type];
	return [...(fields.user ?? []), ...(fields.boardPerson ?? [])];
}

/** Gives the new id for `id`, or undefined to keep it. */
export type RenameId = (id: string) => string | undefined;

/** How to rewrite each kind of id (a kind left out is kept as it is). */
export type IdRenames = Partial<Record<EventIdKind, RenameId>>;

/** `value` with every string `rename` knows replaced, however deep (for shapes not expected). */
function renameEverywhere(value: unknown, rename: RenameId): unknown {
	if (typeof value === 'string') return rename(value) ?? value;
	if (Array.isArray(value)) return value.map((entry) => renameEverywhere(entry, rename));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, renameEverywhere(entry, rename)])
		);
	}
	return value;
}

/** One field's value with its ids renamed: an id, a list of ids, or a record of ids. */
function renameField(value: unknown, rename: RenameId): unknown {
	if (value === null || value === undefined) return value;
	if (typeof value === 'string') return rename(value) ?? value;
	if (Array.isArray(value) || typeof value === 'object') return renameEverywhere(value, rename);
	return value;
}

/** The renames of every kind tried one after the other: the first that knows `id` wins. */
function anyRename(renames: IdRenames): RenameId {
	const all = Object.values(renames).filter((rename) => rename !== undefined);
	return (id) => {
		for (const rename of all) {
			const renamed = rename(id);
			if (renamed !== undefined) return renamed;
		}
		return undefined;
	};
}

/**
 * The payload of an event of `type` (as stored or read from a file) with the ids of its
 * `EVENT_ID_FIELDS` rewritten by `renames`; every other field is kept. A payload that is not an
 * object is returned as it is. A type outside the catalogue (a row older than a type's removal)
 * has no known fields: every string of its payload that some rename knows is rewritten, wherever
 * it is, so that no id escapes a reader that must rewrite it.
 */
export function renameEventIds(input: {
	type: string;
	payload: unknown;
	renames: IdRenames;
}): unknown {
	const { payload, renames } = input;
	if (!isWorkshopEventType(input.type)) return renameEverywhere(payload, anyRename(renames));
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
	const fields: AnyIdFields = EVENT_ID_FIELDS[input.type];
	const out: Record<string, unknown> = { ...payload };
	for (const [kind, names] of Object.entries(fields) as [EventIdKind, readonly string[]][]) {
		const rename = renames[kind];
		if (!rename) continue;
		for (const name of names) {
			if (Object.hasOwn(out, name)) out[name] = renameField(out[name], rename);
		}
	}
	return out;
}
