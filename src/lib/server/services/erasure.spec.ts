import { describe, expect, it } from 'vitest';
import { PERSON_EVENT_TYPES } from '../../shared/workshop-event-ids.ts';
import type { WorkshopEventPayloads, WorkshopEventType } from '../../shared/workshop-events.ts';
import { personIdOf } from '../ids.ts';
import { erasedPayload } from './erasure.ts';

const ERASED = 'user-erased-0001';
const PLACEHOLDER = 'user-placeholder';
const OTHER = 'user-someone-else';
const BOARDS = ['board-plenary', 'board-usagers'];

/** A payload naming the erased person, for every event type whose payload names a person. */
const NAMING_THE_PERSON: { [T in WorkshopEventType]?: WorkshopEventPayloads[T] } = {
	'hand-lowered-by-facilitator': { personId: personIdOf('board-usagers', ERASED) },
	'person-updated': { userId: ERASED, role: 'observer', category: 'usager' },
	'person-removed': { userId: ERASED, revokeLink: true },
	'person-admitted': { userId: ERASED }
};

function erase(type: string, payload: unknown): unknown {
	return erasedPayload({
		type,
		payload,
		userId: ERASED,
		placeholderId: PLACEHOLDER,
		boardIds: BOARDS
	});
}

/** Every form the erased person's id can take in a payload. */
const TRACES = [ERASED, ...BOARDS.map((boardId) => personIdOf(boardId, ERASED))];

describe('erasedPayload', () => {
	it('has a sample for every event type whose payload names a person', () => {
		expect(Object.keys(NAMING_THE_PERSON).sort()).toEqual([...PERSON_EVENT_TYPES].sort());
	});

	it.each(Object.entries(NAMING_THE_PERSON))(
		'leaves no trace of the erased person in a %s payload',
		(type, payload) => {
			const erased = JSON.stringify(erase(type, payload));
			for (const trace of TRACES) expect(erased).not.toContain(trace);
		}
	);

	it('puts the placeholder where the person was: their user id, their per-board id on the same board', () => {
		expect(erase('person-removed', { userId: ERASED, revokeLink: false })).toEqual({
			userId: PLACEHOLDER,
			revokeLink: false
		});
		// A facilitator lowered the erased person's hand on the usagers' board.
		expect(
			erase('hand-lowered-by-facilitator', { personId: personIdOf('board-usagers', ERASED) })
		).toEqual({ personId: personIdOf('board-usagers', PLACEHOLDER) });
	});

	it('keeps other people and fields that hold no person', () => {
		const someoneElse = { userId: OTHER, revokeLink: true };
		expect(erase('person-removed', someoneElse)).toEqual(someoneElse);
		const hand = { personId: personIdOf('board-plenary', OTHER) };
		expect(erase('hand-lowered-by-facilitator', hand)).toEqual(hand);
		// An object id that happens to equal the person's id is not a person: objects keep theirs.
		expect(erase('spotlight', { itemId: ERASED })).toEqual({ itemId: ERASED });
	});

	it('leaves no trace in a payload of a type outside the catalogue, whatever its shape', () => {
		const legacy = {
			by: ERASED,
			seen: [OTHER, personIdOf('board-plenary', ERASED)],
			nested: { who: { id: ERASED }, count: 2 }
		};
		const erased = erase('hand-pointed', legacy);
		for (const trace of TRACES) expect(JSON.stringify(erased)).not.toContain(trace);
		expect(erased).toEqual({
			by: PLACEHOLDER,
			seen: [OTHER, personIdOf('board-plenary', PLACEHOLDER)],
			nested: { who: { id: PLACEHOLDER }, count: 2 }
		});
	});

	it('rewrites a known field of an unexpected shape, and leaves payloads that are not objects as they are', () => {
		expect(erase('person-admitted', { userId: [ERASED, OTHER] })).toEqual({
			userId: [PLACEHOLDER, OTHER]
		});
		expect(erase('person-admitted', { userId: { id: ERASED } })).toEqual({
			userId: { id: PLACEHOLDER }
		});
		expect(erase('person-admitted', null)).toBeNull();
		expect(erase('person-admitted', 'text')).toBe('text');
		expect(erase('person-admitted', {})).toEqual({});
	});
});
