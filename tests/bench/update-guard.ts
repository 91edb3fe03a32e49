import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { createSticky, itemText, moveItem } from '../../src/lib/board/schema.ts';
import { CategoryIndex, ClientOwners } from '../../server/realtime/attribution.ts';
import { NO_CONTENT_LIMITS, reviewUpdate } from '../../server/realtime/update-guard.ts';

/**
 * `npm run bench:guard`: what reviewing an update before applying it costs (`update-guard.ts`),
 * against what applying it costs anyway, on the updates of a live run: 50 people on a board
 * of 2,000 notes, typing a word at a time, moving notes and creating new ones. Both are CPU work
 * on the server's one thread, so their ratio is what the review adds to each update's path; it is
 * measured in the same run, on the same updates, so machine load shifts both alike.
 */

const PEOPLE = 50;
const NOTES = 2000;
const UPDATES = 20_000;

interface Sent {
	userId: string;
	update: Uint8Array;
}

/** A board of `NOTES` notes, then `UPDATES` edits from `PEOPLE` people, each in its own doc. */
function liveUpdates(): { base: Uint8Array; sent: Sent[] } {
	const seed = new Y.Doc();
	const ids: string[] = [];
	for (let i = 0; i < NOTES; i++) {
		ids.push(createSticky(seed, { x: i, y: 0, text: `idée ${i}`, category: 'usager' }));
	}
	const base = Y.encodeStateAsUpdate(seed);
	const people = Array.from({ length: PEOPLE }, (_, i) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, base);
		return { userId: `u${i}`, doc };
	});
	const sent: Sent[] = [];
	for (let step = 0; sent.length < UPDATES; step++) {
		const person = people[step % PEOPLE]!;
		let captured: Uint8Array | null = null;
		const capture = (update: Uint8Array) => (captured = update);
		person.doc.on('update', capture);
		const id = ids[(step * 7919) % ids.length]!;
		if (step % 50 === 0) createSticky(person.doc, { x: step, y: 9, text: '', category: 'usager' });
		else if (step % 5 === 4) moveItem(person.doc, { id, x: step, y: 1 });
		else itemText(person.doc, id)?.insert(0, 'mot ');
		person.doc.off('update', capture);
		if (captured) sent.push({ userId: person.userId, update: captured });
		// Everyone sees everything at once (the server relays), so no edit depends on a missing one.
		for (const other of people)
			if (other !== person && captured) Y.applyUpdate(other.doc, captured);
	}
	return { base, sent };
}

function run(sent: readonly Sent[], base: Uint8Array, review: boolean): number {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, base);
	const owners = new ClientOwners();
	const categories = new CategoryIndex(doc);
	const started = performance.now();
	for (const { userId, update } of sent) {
		if (review) {
			const result = reviewUpdate({
				doc,
				decoded: Y.decodeUpdate(update),
				userId,
				category: 'usager',
				owners,
				categories,
				limits: NO_CONTENT_LIMITS
			});
			if (result.refusal) throw new Error(`honest update refused: ${result.refusal.reason}`);
			for (const clientId of result.unboundClients) owners.bind(clientId, userId);
		} else {
			// The path before the review already decoded every update (nothing half-applied).
			Y.decodeUpdate(update);
		}
		Y.applyUpdate(doc, update);
	}
	return performance.now() - started;
}

const { base, sent } = liveUpdates();
const rounds = 5;
const without: number[] = [];
const withReview: number[] = [];
for (let round = 0; round < rounds; round++) {
	without.push(run(sent, base, false));
	withReview.push(run(sent, base, true));
}
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const plain = median(without);
const reviewed = median(withReview);
const perUpdate = (ms: number) => ((ms * 1000) / sent.length).toFixed(1);
console.log(
	`updates: ${sent.length} from ${PEOPLE} people on a ${NOTES}-note board (median of ${rounds})`
);
console.log(`decode + apply:          ${plain.toFixed(0)} ms (${perUpdate(plain)} µs/update)`);
console.log(
	`decode + review + apply: ${reviewed.toFixed(0)} ms (${perUpdate(reviewed)} µs/update)`
);
console.log(
	`review adds: ${(((reviewed - plain) / plain) * 100).toFixed(1)} % of the update path's CPU`
);
