import * as Y from 'yjs';
import {
	NOTE_COLORS,
	countItems,
	createItem,
	createSticky,
	deleteItem,
	itemAt,
	itemText,
	moveItem,
	setItemColor
} from '../../src/lib/board/schema.ts';
import type { StoredSnapshot, UnnumberedUpdate } from '../../src/lib/server/history/store.ts';
import { seededRandom } from '../helpers/random.ts';

/**
 * A realistic two-hour workshop for the replay benchmark: several Yjs clients, kept in
 * sync through an in-memory connector (as Yjs's own tests do), create notes and type into them
 * character by character, drag them (several updates per drag), recolour, delete some, add frames
 * and connectors. Every local update of a client becomes one log row with that client's category
 * and a time spread over two hours, as the server would store it; the server's document follows
 * along so snapshots are taken where the server would take them.
 */

/** Length of the simulated workshop, in ms. */
export const WORKSHOP_MS = 2 * 60 * 60 * 1000;

/** Categories of the simulated participants (one per client, round-robin). */
const CLIENT_CATEGORIES = ['usager', 'agent', 'manager', 'elu', 'usager', 'agent'];

/** What a workshop produced: the log rows and the snapshots, in the order the server stores them. */
export interface ReplayWorkshop {
	updates: UnnumberedUpdate[];
	/** Snapshot `k` stands for the first `(k + 1) * snapshotEvery` updates. */
	snapshots: StoredSnapshot[];
	/** Objects on the board at the end. */
	finalItems: number;
}

interface Client {
	doc: Y.Doc;
	category: string;
	/** Characters still to type into `typingInto`. */
	typing: string;
	typingInto: string | null;
}

const WORDS = ['mobilité', 'accueil', 'horaires', 'écoute', 'budget', 'quartier', 'lien', 'aide'];

/**
 * Builds a workshop of exactly `updates` log rows from `clients` clients. `snapshotEvery` mirrors
 * the server's `SNAPSHOT_EVERY_UPDATES`.
 */
export function buildReplayWorkshop(input: {
	updates: number;
	clients: number;
	seed: number;
	snapshotEvery: number;
	startAt: number;
}): ReplayWorkshop {
	const random = seededRandom(input.seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const server = new Y.Doc();
	const clients: Client[] = Array.from({ length: input.clients }, (_, i) => ({
		doc: new Y.Doc(),
		category: CLIENT_CATEGORIES[i % CLIENT_CATEGORIES.length] as string,
		typing: '',
		typingInto: null
	}));
	const workshop: ReplayWorkshop = { updates: [], snapshots: [], finalItems: 0 };
	const spacing = WORKSHOP_MS / input.updates;
	for (const client of clients) {
		client.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'remote') return;
			const n = workshop.updates.length;
			const at = new Date(input.startAt + Math.round((n + random() * 0.9) * spacing));
			workshop.updates.push({ at, authorId: null, category: client.category, update });
			Y.applyUpdate(server, update, 'remote');
			for (const other of clients) {
				if (other !== client) Y.applyUpdate(other.doc, update, 'remote');
			}
			if ((n + 1) % input.snapshotEvery === 0) {
				const state = Y.encodeStateAsUpdate(server);
				workshop.snapshots.push({ seq: n + 1, at, state, itemCount: countItems(server) });
			}
		});
	}
	const notes: string[] = [];
	const frames: string[] = [];
	while (workshop.updates.length < input.updates) {
		const client = pick(clients);
		act({ client, notes, frames, random, pick, left: input.updates - workshop.updates.length });
	}
	// A last gesture may log a few rows more than asked: the workshop ends at exactly `updates`.
	workshop.updates.length = input.updates;
	workshop.snapshots = workshop.snapshots.filter((snapshot) => snapshot.seq <= input.updates);
	workshop.finalItems = countItems(server);
	return workshop;
}

/** One gesture of `client`: a keystroke of the word being typed, or a new action. */
function act(input: {
	client: Client;
	notes: string[];
	frames: string[];
	random: () => number;
	pick: <T>(list: readonly T[]) => T;
	left: number;
}): void {
	const { client, notes, frames, random, pick } = input;
	const { doc } = client;
	const note = client.typingInto;
	if (client.typing && note && itemAt(doc, note)) {
		const text = itemText(doc, note);
		text?.insert(text.length, client.typing.slice(0, 1));
		client.typing = client.typing.slice(1);
		return;
	}
	const roll = random();
	const live = notes.filter((id) => itemAt(doc, id));
	if (roll < 0.06 || live.length < 5) {
		const frame = frames.length > 0 && random() < 0.5 ? pick(frames) : null;
		const id = createSticky(doc, {
			x: Math.round(random() * 4000),
			y: Math.round(random() * 3000),
			category: client.category,
			color: pick(NOTE_COLORS)
		});
		if (frame) itemAt(doc, id)?.set('frame', frame);
		notes.push(id);
		client.typingInto = id;
		client.typing = `${pick(WORDS)} ${pick(WORDS)}`;
	} else if (roll < 0.55) {
		client.typingInto = pick(live);
		client.typing = ` ${pick(WORDS)}`;
	} else if (roll < 0.85) {
		const id = pick(live);
		const drag = Math.min(input.left, 2 + Math.floor(random() * 6));
		for (let step = 0; step < drag; step++) {
			moveItem(doc, { id, x: Math.round(random() * 4000), y: Math.round(random() * 3000) });
		}
	} else if (roll < 0.92) {
		setItemColor(doc, { id: pick(live), color: pick(NOTE_COLORS) });
	} else if (roll < 0.95) {
		deleteItem(doc, pick(live));
	} else if (roll < 0.96) {
		frames.push(createItem(doc, { type: 'frame', x: random() * 4000, y: random() * 3000 }));
		itemText(doc, frames.at(-1) as string)?.insert(0, pick(WORDS));
	} else {
		createItem(doc, {
			type: 'connector',
			x: 0,
			y: 0,
			start: { item: pick(live) },
			end: { item: pick(live) },
			category: client.category
		});
	}
}
