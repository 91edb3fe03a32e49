import { describe, expect, it } from 'vitest';
import { EVENT_ID_FIELDS, PERSON_EVENT_TYPES, renameEventIds } from './workshop-event-ids.ts';
import { WORKSHOP_EVENT_TYPES } from './workshop-events.ts';

/** Old id → new id, as an import maps a record's boards, rounds and refs. */
const NEW: Record<string, string> = {
	'board-a': 'board-1',
	'board-b': 'board-2',
	'round-a': 'round-1',
	'ref-a': 'user-1'
};
const rename = (id: string) => NEW[id];
const ALL = { user: rename, boardPerson: rename, board: rename, round: rename };

describe('EVENT_ID_FIELDS', () => {
	it('has an entry for every type of the catalogue', () => {
		expect(Object.keys(EVENT_ID_FIELDS).sort()).toEqual([...WORKSHOP_EVENT_TYPES].sort());
	});

	it('names the types whose payload holds a person', () => {
		expect([...PERSON_EVENT_TYPES].sort()).toEqual([
			'hand-lowered-by-facilitator',
			'person-admitted',
			'person-removed',
			'person-updated'
		]);
	});
});

describe('renameEventIds', () => {
	it('rewrites board and round ids: single, in a list, as the values of a record', () => {
		const open = { id: 'round-a', boardId: 'board-a', frameId: null, dots: 3 };
		expect(renameEventIds({ type: 'vote-open', payload: open, renames: ALL })).toEqual({
			...open,
			id: 'round-1',
			boardId: 'board-1'
		});
		expect(
			renameEventIds({
				type: 'results-published',
				payload: { boardIds: ['board-a', 'board-b'] },
				renames: ALL
			})
		).toEqual({ boardIds: ['board-1', 'board-2'] });
		expect(
			renameEventIds({
				type: 'groups-split',
				payload: { groups: { usager: 'board-a', agent: 'board-b' } },
				renames: ALL
			})
		).toEqual({ groups: { usager: 'board-1', agent: 'board-2' } });
	});

	it('rewrites only the kinds it is given, and only the fields the table names', () => {
		const dot = { roundId: 'round-a', itemId: 'board-a' };
		expect(renameEventIds({ type: 'vote', payload: dot, renames: { board: rename } })).toEqual(dot);
		expect(renameEventIds({ type: 'vote', payload: dot, renames: { round: rename } })).toEqual({
			roundId: 'round-1',
			itemId: 'board-a'
		});
	});

	it('keeps ids nobody renames, and the payload it was given unchanged', () => {
		const payload = { userId: 'ref-unknown', revokeLink: true };
		const renamed = renameEventIds({ type: 'person-removed', payload, renames: ALL });
		expect(renamed).toEqual(payload);
		const admitted = { userId: 'ref-a' };
		expect(renameEventIds({ type: 'person-admitted', payload: admitted, renames: ALL })).toEqual({
			userId: 'user-1'
		});
		expect(admitted).toEqual({ userId: 'ref-a' });
	});

	it('rewrites every known id of a payload of a type outside the catalogue', () => {
		expect(
			renameEventIds({
				type: 'from-an-older-version',
				payload: { where: 'board-a', who: ['ref-a', 'ref-unknown'], n: 1 },
				renames: ALL
			})
		).toEqual({ where: 'board-1', who: ['user-1', 'ref-unknown'], n: 1 });
	});
});
