import * as Y from 'yjs';

/**
 * The review of a client's update before it is applied: Yjs applies whatever it is given, keeping
 * structs it cannot place yet ("pending") and applying them later inside someone else's
 * transaction. A hostile client could thus write under another person's client id, delete clocks
 * not yet written (the victim's next notes vanish as they arrive), or hold structs back past a lock
 * or a limit. `reviewUpdate` reads the decoded update against the document and refuses it unless:
 *
 * - every struct the document lacks is written under a client id of the sender (`ClientOwners`);
 * - no struct starts beyond what the document (plus the update itself) holds for its client id, and
 *   every struct it refers to (origin, right origin, parent) is held: nothing is ever left pending;
 * - every deleted range lies inside what the document holds once the update's own structs are added;
 * - no struct writes a root type other than the board schema's, nor a sub-document;
 * - every `category` written on an object equals the category the server attributes to it: the
 *   sender's own for an object it creates, the creator's for an existing one (`CategoryIndex`);
 * - no text grows beyond `maxTextChars` and no single value weighs more than `maxValueBytes`.
 */

/** Root types of the board document (see `src/lib/board/schema.ts`). */
export const BOARD_ROOTS: ReadonlySet<string> = new Set(['items', 'meta']);
/** Name of the root map holding one nested map per object. */
export const ITEMS_ROOT = 'items';
/** Key of an object's map holding its author's category. */
export const CATEGORY_KEY = 'category';
/** Longest chain of origins followed to find where a struct lives (a map key overwritten often). */
const MAX_ORIGIN_HOPS = 10_000;

/** Why an update was refused (logged, and named in the close reason). */
export type RefusalReason =
	| 'foreign-client-id'
	| 'gap'
	| 'missing-reference'
	| 'future-delete'
	| 'unknown-root'
	| 'subdocument'
	| 'forged-category'
	| 'text-too-long'
	| 'value-too-large';

/** A refused update: the reason and a short detail for the log. */
export interface Refusal {
	reason: RefusalReason;
	detail: string;
}

/** Who owns which Yjs client ids on one board (bound durably by the first person writing with it). */
export interface ClientOwnerLookup {
	/** The user id bound to `clientId`, or undefined when nobody is. */
	ownerOf(clientId: number): string | undefined;
}

/** The category the server attributes to each object id it has seen created. */
export interface CategoryLookup {
	/** True when the object was seen created (its category is then `categoryOf`). */
	has(itemId: string): boolean;
	categoryOf(itemId: string): string | null;
}

/** What an accepted update needs done: client ids it writes with that are bound to nobody yet. */
export interface Accepted {
	refusal: null;
	/** Client ids with new structs and no owner: the caller binds them to the sender (or refuses). */
	unboundClients: number[];
	/** Client ids with new structs whose document state is not empty (see `Room`). */
	unboundWithHistory: number[];
	/** True when the update brings structs the document does not hold (it may grow the board). */
	adds: boolean;
}

/** Size limits of what an update writes (`MAX_TEXT_CHARS`, `MAX_VALUE_BYTES`). */
export interface ContentLimits {
	/** Characters (UTF-16 units) one text (a note's, a label's) may hold. */
	maxTextChars: number;
	/** Bytes one value (a field of an object, a stroke's points) may weigh, JSON-encoded. */
	maxValueBytes: number;
}

/** Limits that let everything through (unit tests of other rules). */
export const NO_CONTENT_LIMITS: ContentLimits = {
	maxTextChars: Number.POSITIVE_INFINITY,
	maxValueBytes: Number.POSITIVE_INFINITY
};

/** The outcome of `reviewUpdate`. */
export type Review = Accepted | { refusal: Refusal };

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
/** Where a struct lives: a root type's name or the id of the type's item, and its map key. */
interface Place {
	parent: string | Y.ID | null;
	parentSub: string | null;
}

function idKey(id: Y.ID): string {
	return `${id.client}:${id.clock}`;
}

/** The place of an integrated item of `doc`. */
function placeInDoc(doc: Y.Doc, item: Y.Item): Place {
	const type = item.parent as Y.AbstractType<unknown> | null;
	if (!type) return { parent: null, parentSub: item.parentSub };
	if (type._item) return { parent: type._item.id, parentSub: item.parentSub };
	for (const [name, root] of doc.share) {
		if (root === type) return { parent: name, parentSub: item.parentSub };
	}
	return { parent: null, parentSub: item.parentSub };
}

/** Reads a decoded update's structs against a document: places, held clocks, references. */
class UpdateReader {
	readonly #doc: Y.Doc;
	/** The update's items per client id, in clock order (as the update encodes them). */
	readonly #byClient = new Map<number, Y.Item[]>();
	readonly #fromUpdate = new Set<Y.Item>();
	/** Per client id: the clock up to which the document plus this update hold structs. */
	readonly stateAfter = new Map<number, number>();

	constructor(doc: Y.Doc, structs: readonly Struct[]) {
		this.#doc = doc;
		for (const struct of structs) {
			if (!(struct instanceof Y.Item)) continue;
			const list = this.#byClient.get(struct.id.client) ?? [];
			list.push(struct);
			this.#byClient.set(struct.id.client, list);
			this.#fromUpdate.add(struct);
		}
	}

	/** Clock up to which `client`'s structs are held by the document (before the update). */
	held(client: number): number {
		return Y.getState(this.#doc.store, client);
	}

	/** Clock up to which `client`'s structs are held once the update is applied. */
	heldAfter(client: number): number {
		return this.stateAfter.get(client) ?? this.held(client);
	}

	/**
	 * The item holding `id` (its start or any clock inside it): the document's when it holds it,
	 * else the update's; else null.
	 */
	itemAt(id: Y.ID): Y.Item | null {
		if (id.clock < this.held(id.client)) {
			const struct = Y.getItem(this.#doc.store, id);
			return struct instanceof Y.Item ? struct : null;
		}
		const list = this.#byClient.get(id.client) ?? [];
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const item = list[middle] as Y.Item;
			if (id.clock < item.id.clock) high = middle - 1;
			else if (id.clock >= item.id.clock + item.length) low = middle + 1;
			else return item;
		}
		return null;
	}

	/**
	 * Where `item` lives. A decoded struct with an origin carries no parent (Yjs infers it from the
	 * origin), so the chain of origins is followed, through the update and the document.
	 */
	placeOf(item: Y.Item): Place {
		let current: Y.Item | null = item;
		for (let hops = 0; current && hops < MAX_ORIGIN_HOPS; hops++) {
			if (!this.#fromUpdate.has(current)) return placeInDoc(this.#doc, current);
			const parent = current.parent as unknown;
			if (typeof parent === 'string' || parent instanceof Y.ID) {
				return { parent, parentSub: current.parentSub };
			}
			const next: Y.ID | null = current.origin ?? current.rightOrigin;
			current = next ? this.itemAt(next) : null;
		}
		return { parent: null, parentSub: null };
	}
}

/** The references of an item that must be held for it to integrate at once. */
function referencesOf(item: Y.Item): Y.ID[] {
	const refs: Y.ID[] = [];
	if (item.origin) refs.push(item.origin);
	if (item.rightOrigin) refs.push(item.rightOrigin);
	const parent = item.parent as unknown;
	if (parent instanceof Y.ID) refs.push(parent);
	return refs;
}

function refuse(reason: RefusalReason, detail: string): { refusal: Refusal } {
	return { refusal: { reason, detail } };
}

/** First pass: per client, structs follow what is held without a gap; owners of new structs. */
function checkClocks(
	reader: UpdateReader,
	structs: readonly Struct[],
	input: { owners: ClientOwnerLookup; userId: string }
): { refusal: Refusal } | { newStructs: Y.Item[]; unbound: Set<number> } {
	const newStructs: Y.Item[] = [];
	const unbound = new Set<number>();
	for (const struct of structs) {
		if (struct instanceof Y.Skip) continue;
		const { client, clock } = struct.id;
		const end = clock + struct.length;
		const held = reader.held(client);
		if (end <= held) continue;
		const expected = reader.heldAfter(client);
		if (clock > expected) return refuse('gap', `client ${client} at ${clock}, held ${expected}`);
		const owner = input.owners.ownerOf(client);
		if (owner === undefined) unbound.add(client);
		else if (owner !== input.userId) return refuse('foreign-client-id', `client ${client}`);
		reader.stateAfter.set(client, Math.max(expected, end));
		if (struct instanceof Y.Item) newStructs.push(struct);
	}
	return { newStructs, unbound };
}

/** Second pass: each new item refers only to held structs, under a known root, no sub-document. */
function checkItem(reader: UpdateReader, item: Y.Item): Refusal | null {
	for (const ref of referencesOf(item)) {
		const available = ref.client === item.id.client ? item.id.clock : reader.heldAfter(ref.client);
		if (ref.clock >= available) {
			return { reason: 'missing-reference', detail: `${idKey(item.id)} → ${idKey(ref)}` };
		}
	}
	if (item.content instanceof Y.ContentDoc)
		return { reason: 'subdocument', detail: idKey(item.id) };
	const parent = item.parent as unknown;
	if (typeof parent === 'string' && !BOARD_ROOTS.has(parent)) {
		return { reason: 'unknown-root', detail: parent.slice(0, 64) };
	}
	return null;
}

/** The object id whose map `place` is a key of, or null when it is not an object's field. */
function objectOf(reader: UpdateReader, place: Place): string | null {
	if (!(place.parent instanceof Y.ID)) return null;
	const map = reader.itemAt(place.parent);
	if (!map || !(map.content instanceof Y.ContentType)) return null;
	const mapPlace = reader.placeOf(map);
	return mapPlace.parent === ITEMS_ROOT ? mapPlace.parentSub : null;
}

/** A `category` written on an object must be the one the server attributes to that object. */
function checkCategory(
	reader: UpdateReader,
	item: Y.Item,
	input: { categories: CategoryLookup; category: string | null }
): Refusal | null {
	const place = reader.placeOf(item);
	if (place.parentSub !== CATEGORY_KEY) return null;
	const objectId = objectOf(reader, place);
	if (objectId === null) return null;
	const { categories } = input;
	const expected = categories.has(objectId) ? categories.categoryOf(objectId) : input.category;
	const content = item.content;
	const written = content instanceof Y.ContentAny ? content.getContent().at(-1) : undefined;
	if (written === expected) return null;
	const shown = typeof written === 'string' ? written.slice(0, 32) : typeof written;
	return { reason: 'forged-category', detail: `${objectId}: ${shown} for ${String(expected)}` };
}

/** Bytes a struct's content weighs as one value (text is counted by `checkTexts`). */
function valueBytes(content: Y.Item['content']): number {
	if (content instanceof Y.ContentAny) return JSON.stringify(content.getContent()).length;
	if (content instanceof Y.ContentBinary) return content.content.byteLength;
	if (content instanceof Y.ContentJSON || content instanceof Y.ContentEmbed) {
		return JSON.stringify(content.getContent()).length;
	}
	if (content instanceof Y.ContentFormat)
		return content.key.length + JSON.stringify(content.value).length;
	return 0;
}

/** No single value beyond `maxValueBytes`; no text beyond `maxTextChars` once the update is in. */
function checkSizes(
	reader: UpdateReader,
	items: readonly Y.Item[],
	limits: ContentLimits
): Refusal | null {
	const added = new Map<string, { parent: Y.ID; chars: number }>();
	for (const item of items) {
		const bytes = valueBytes(item.content);
		if (bytes > limits.maxValueBytes) {
			return { reason: 'value-too-large', detail: `${idKey(item.id)}: ${bytes} bytes` };
		}
		if (!(item.content instanceof Y.ContentString)) continue;
		const { parent } = reader.placeOf(item);
		if (!(parent instanceof Y.ID)) continue;
		const entry = added.get(idKey(parent)) ?? { parent, chars: 0 };
		entry.chars += item.length;
		added.set(idKey(parent), entry);
	}
	for (const { parent, chars } of added.values()) {
		const type = reader.itemAt(parent)?.content;
		// A text created by this very update is not in the document yet: it holds nothing so far.
		const text = type instanceof Y.ContentType && type.type instanceof Y.Text ? type.type : null;
		const existing = text?.doc ? text.length : 0;
		if (existing + chars > limits.maxTextChars) {
			return { reason: 'text-too-long', detail: `${idKey(parent)}: ${existing + chars} chars` };
		}
	}
	return null;
}

/** Third pass: every deleted range lies within what is held once the update is applied. */
function checkDeletes(reader: UpdateReader, ds: DeleteSet): Refusal | null {
	for (const [client, ranges] of ds.clients) {
		const limit = reader.heldAfter(client);
		for (const range of ranges) {
			if (range.clock + range.len > limit) {
				return { reason: 'future-delete', detail: `client ${client} ${range.clock}+${range.len}` };
			}
		}
	}
	return null;
}

/**
 * Reviews a decoded client update against `doc` before anything is applied (see the module
 * comment). Costs one pass over the update's structs, plus a walk of origins for map keys.
 */
export function reviewUpdate(input: {
	doc: Y.Doc;
	decoded: ReturnType<typeof Y.decodeUpdate>;
	userId: string;
	category: string | null;
	owners: ClientOwnerLookup;
	categories: CategoryLookup;
	limits: ContentLimits;
}): Review {
	const { doc, decoded } = input;
	const reader = new UpdateReader(doc, decoded.structs);
	const clocks = checkClocks(reader, decoded.structs, input);
	if ('refusal' in clocks) return clocks;
	for (const item of clocks.newStructs) {
		const refusal = checkItem(reader, item) ?? checkCategory(reader, item, input);
		if (refusal) return { refusal };
	}
	const sizes = checkSizes(reader, clocks.newStructs, input.limits);
	if (sizes) return { refusal: sizes };
	const deletes = checkDeletes(reader, decoded.ds);
	if (deletes) return { refusal: deletes };
	const unboundClients = [...clocks.unbound];
	const unboundWithHistory = unboundClients.filter((client) => reader.held(client) > 0);
	return { refusal: null, unboundClients, unboundWithHistory, adds: clocks.newStructs.length > 0 };
}
