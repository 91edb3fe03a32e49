import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReplayCursor, ReplayEngine, type HistoryUpdate } from './replay.ts';
import { createSticky, deleteItem, listItems, moveItem } from './schema.ts';

/** A board edited `count` times by one client, one logged update per edit, one second apart. */
function history(count: number, start = 1_000_000) {
	const doc = new Y.Doc();
	const updates: HistoryUpdate[] = [];
	const states: string[] = [JSON.stringify(listItems(doc))];
	doc.on('update', (update: Uint8Array) => {
		const seq = updates.length + 1;
		updates.push({ seq, at: start + seq * 1000, category: 'usager', update });
	});
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		if (i % 5 === 4 && ids.length > 0) deleteItem(doc, ids.shift() as string);
		else if (i % 3 === 2 && ids.length > 0) moveItem(doc, { id: ids[0] as string, x: i, y: -i });
		else ids.push(createSticky(doc, { x: i * 10, y: 0, text: `note ${i}`, now: 0 }));
		states.push(JSON.stringify(listItems(doc)));
	}
	return { doc, updates, states };
}

describe('ReplayEngine', () => {
	it('rebuilds the board after any number of updates, across checkpoints', () => {
		const { updates, states } = history(60);
		const engine = new ReplayEngine({ updates, checkpointEvery: 7 });
		for (const n of [0, 1, 6, 7, 8, 30, 59, 60, 13, 2]) {
			expect(JSON.stringify(listItems(engine.docAt(n)))).toBe(states[n]);
		}
		expect(JSON.stringify(listItems(engine.docAt(999)))).toBe(states[60]);
	});

	it('finds the state at a time: every update at or before it', () => {
		const { updates, states } = history(10, 0);
		const engine = new ReplayEngine({ updates });
		expect([engine.startAt, engine.endAt]).toEqual([1000, 10_000]);
		expect(engine.countAt(0)).toBe(0);
		expect(engine.countAt(4999)).toBe(4);
		expect(engine.countAt(5000)).toBe(5);
		expect(JSON.stringify(listItems(engine.docAtTime(5500)))).toBe(states[5]);
		expect(engine.countAt(1e12)).toBe(10);
	});

	it('starts from the snapshots left when older updates were purged', () => {
		const { doc, updates, states } = history(20);
		const at12 = new Y.Doc();
		for (const u of updates.slice(0, 12)) Y.applyUpdate(at12, u.update);
		const snapshots = [{ seq: 12, at: updates[11]?.at ?? 0, state: Y.encodeStateAsUpdate(at12) }];
		const engine = new ReplayEngine({ updates: updates.slice(12), snapshots, checkpointEvery: 3 });
		expect(engine.usesSnapshots).toBe(true);
		expect(engine.steps).toHaveLength(9);
		expect(JSON.stringify(listItems(engine.docAt(1)))).toBe(states[12]);
		expect(JSON.stringify(listItems(engine.docAt(9)))).toBe(JSON.stringify(listItems(doc)));
		expect(listItems(engine.docAt(0))).toEqual([]);
	});

	it('does not take a template seed (snapshot at seq 0) for a purged history', () => {
		const { updates } = history(5);
		const seed = {
			seq: 0,
			at: (updates[0]?.at ?? 1) - 1,
			state: Y.encodeStateAsUpdate(new Y.Doc())
		};
		const engine = new ReplayEngine({ updates, snapshots: [seed] });
		expect(engine.steps[0]?.kind).toBe('snapshot');
		expect(engine.usesSnapshots).toBe(false);
	});

	it('moves a cursor forward in place and backward from a checkpoint', () => {
		const { updates, states } = history(30);
		const cursor = new ReplayCursor(new ReplayEngine({ updates, checkpointEvery: 10 }));
		const first = cursor.doc;
		expect(cursor.moveTo(8)).toBe(false);
		expect(cursor.moveTo(15)).toBe(false);
		expect(cursor.doc).toBe(first);
		expect(JSON.stringify(listItems(cursor.doc))).toBe(states[15]);
		expect(cursor.moveTo(3)).toBe(true);
		expect(JSON.stringify(listItems(cursor.doc))).toBe(states[3]);
		expect(cursor.moveTo(30)).toBe(true);
		expect(JSON.stringify(listItems(cursor.doc))).toBe(states[30]);
	});
});
