import * as Y from 'yjs';
import {
	NOTE_COLORS,
	createSticky,
	itemText,
	itemsOf,
	moveItem
} from '../../../src/lib/board/schema.ts';

/** Item field holding the latency tag of the last edit (unknown fields are ignored by readers). */
export const TAG_FIELD = 'bench';

/** What workshop participants type into sticky notes. */
const PHRASES = [
	"Ouvrir l'accueil le samedi matin",
	'Un seul formulaire pour toutes les aides',
	'Rappeler les usagers sous 48 h',
	'Former les agents au langage clair',
	'Rendre les courriers lisibles',
	'Un référent unique par dossier',
	'Moins de pièces justificatives',
	'Des permanences dans les quartiers'
] as const;

/** Drag steps after a note is typed. */
const MOVES_PER_NOTE = 3;

/**
 * One writing participant. Its script repeats: create a sticky note, type a phrase into its
 * `Y.Text` one character per edit, drag it in a few steps. Each edit is one transaction made
 * with the board schema's operations, plus the latency tag in {@link TAG_FIELD}. The writer's
 * document holds only its own edits (it does not apply others'), which is enough to produce
 * valid updates for its own notes.
 */
export class Writer {
	readonly doc = new Y.Doc();
	/** Notes created so far. */
	notes = 0;
	private noteId: string | null = null;
	private typed = 0;
	private moves = 0;
	private phrase = '';
	private x: number;
	private y: number;

	constructor(
		readonly index: number,
		readonly category: string,
		onUpdate: (update: Uint8Array) => void
	) {
		this.x = (index % 20) * 240;
		this.y = Math.floor(index / 20) * 200;
		this.doc.on('update', (update: Uint8Array) => onUpdate(update));
	}

	/** Performs the next edit of the script, tagged with `tag`. */
	edit(tag: string): void {
		this.doc.transact(() => {
			const id = this.step();
			itemsOf(this.doc).get(id)?.set(TAG_FIELD, tag);
		});
	}

	private step(): string {
		if (this.noteId === null || this.moves >= MOVES_PER_NOTE) return this.create();
		const id = this.noteId;
		if (this.typed < this.phrase.length) {
			itemText(this.doc, id)?.insert(this.typed, this.phrase.charAt(this.typed));
			this.typed++;
		} else {
			this.x += 37;
			this.y += 23;
			moveItem(this.doc, { id, x: this.x, y: this.y });
			this.moves++;
		}
		return id;
	}

	private create(): string {
		const pick = this.index + this.notes;
		this.phrase = PHRASES[pick % PHRASES.length] as string;
		this.typed = 0;
		this.moves = 0;
		this.noteId = createSticky(this.doc, {
			x: this.x,
			y: this.y,
			color: NOTE_COLORS[pick % NOTE_COLORS.length],
			category: this.category
		});
		this.notes++;
		return this.noteId;
	}
}

/**
 * A chunk of a pre-populated board: `count` filled sticky notes in a grid, made in a document of
 * their own (so `topZ` stays cheap), the last one tagged with `tag`. Returns the encoded update.
 */
export function populateChunk(input: {
	first: number;
	count: number;
	category: string;
	tag: string;
}): Uint8Array {
	const doc = new Y.Doc();
	let lastId = '';
	doc.transact(() => {
		for (let i = input.first; i < input.first + input.count; i++) {
			lastId = createSticky(doc, {
				x: (i % 100) * 240,
				y: Math.floor(i / 100) * 200,
				color: NOTE_COLORS[i % NOTE_COLORS.length],
				category: input.category,
				text: `${PHRASES[i % PHRASES.length]} (${i})`,
				now: 1_767_225_600_000 + i * 1000
			});
		}
		itemsOf(doc).get(lastId)?.set(TAG_FIELD, input.tag);
	});
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
