import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReplayEngine, type HistoryUpdate } from '../board/replay.ts';
import { createSticky, listItems } from '../board/schema.ts';
import { REPLAY_LEAD_MS, ReplayPlayer } from './replay-player.svelte.ts';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

/** Two notes added 10 s apart, with a person arriving 400 ms before the first one. */
function twoNotesPlayer() {
	const doc = new Y.Doc();
	const updates: HistoryUpdate[] = [];
	doc.on('update', (update: Uint8Array) => {
		const seq = updates.length + 1;
		updates.push({ seq, at: T0 + (seq - 1) * 10_000, category: 'usager', update });
	});
	createSticky(doc, { x: 0, y: 0, text: 'Première' });
	createSticky(doc, { x: 300, y: 0, text: 'Seconde' });
	const events = [
		{ at: T0 - 400, type: 'join' },
		{ at: T0 + 5_000, type: 'vote-open' }
	];
	return new ReplayPlayer({ engine: new ReplayEngine({ updates }), events });
}

describe('ReplayPlayer', () => {
	it('starts just before the first change and jumps from event to event, naming each', () => {
		const player = twoNotesPlayer();
		expect(player.start).toBe(T0 - REPLAY_LEAD_MS);
		expect(player.reached).toBeNull();
		// The arrival falls within the same displayed second as the start: it is named all the same.
		player.nextEvent();
		expect(player.time).toBe(T0 - 400);
		expect(player.reached).toEqual({ at: T0 - 400, type: 'join' });
		expect(listItems(player.doc)).toHaveLength(0);
		player.nextEvent();
		expect(player.reached?.type).toBe('vote-open');
		expect(listItems(player.doc).map((item) => item.text)).toEqual(['Première']);
		player.previousEvent();
		expect(player.reached?.type).toBe('join');
	});

	it('forgets the event reached once the moment is moved another way', () => {
		const player = twoNotesPlayer();
		player.nextEvent();
		player.seek(T0 + 10_000);
		expect(player.reached).toBeNull();
		expect(player.shown).toBe(2);
	});
});
