import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { createSticky, itemText, moveItem } from '../../src/lib/board/schema.ts';
import { replayBoard, type LoggedUpdate } from '../../src/lib/server/services/figures/replay.ts';

/**
 * `npm run bench:figures`: how long the figures take to replay a two-hour workshop's update log
 * (20,000 updates: 1,000 notes typed a word at a time, moved and edited by 4 categories). Target:
 * under 3 s on the CI machine, so that a report opens without waiting.
 */

const UPDATES = 20_000;
const CATEGORIES = ['usager', 'agent', 'manager', 'elu'];

function twoHourLog(): LoggedUpdate[] {
	const doc = new Y.Doc();
	const logged: LoggedUpdate[] = [];
	const start = Date.UTC(2026, 10, 26, 14, 0);
	doc.on('update', (update: Uint8Array) => {
		const n = logged.length;
		logged.push({
			at: new Date(start + (n * 7_200_000) / UPDATES),
			category: CATEGORIES[n % CATEGORIES.length]!,
			update
		});
	});
	const ids: string[] = [];
	for (let step = 0; logged.length < UPDATES; step++) {
		if (step % 20 === 0) ids.push(createSticky(doc, { x: step, y: 0, text: '' }));
		const id = ids[Math.floor(Math.random() * ids.length)]!;
		if (step % 5 === 4) moveItem(doc, { id, x: step, y: 1 });
		else itemText(doc, id)!.insert(0, 'mot ');
	}
	return logged.slice(0, UPDATES);
}

const updates = twoHourLog();
const started = performance.now();
const { events } = replayBoard({ base: null, updates });
const elapsed = performance.now() - started;
console.log(
	`figures replay: ${UPDATES} updates, ${events.length} contribution events in ${elapsed.toFixed(0)} ms`
);
