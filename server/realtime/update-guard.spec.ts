import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	createSticky,
	deleteItem,
	itemText,
	itemsOf,
	moveItem
} from '../../src/lib/board/schema.ts';
import { CategoryIndex, ClientOwners } from './attribution.ts';
import { NO_CONTENT_LIMITS, reviewUpdate, type Review } from './update-guard.ts';

/** A server document with its attribution, reviewing and applying what clients send. */
class Server {
	readonly doc = new Y.Doc();
	readonly owners = new ClientOwners();
	readonly categories = new CategoryIndex(this.doc);

	review(update: Uint8Array, who: { userId: string; category: string | null }): Review {
		return reviewUpdate({
			doc: this.doc,
			decoded: Y.decodeUpdate(update),
			...who,
			owners: this.owners,
			categories: this.categories,
			limits: NO_CONTENT_LIMITS
		});
	}

	/** Reviews, binds and applies; returns the refusal reason or null. */
	receive(update: Uint8Array, who: { userId: string; category: string | null }): string | null {
		const review = this.review(update, who);
		if (review.refusal) return review.refusal.reason;
		for (const clientId of review.unboundClients) this.owners.bind(clientId, who.userId);
		Y.applyUpdate(this.doc, update);
		return null;
	}
}

const PEOPLE = [
	{ userId: 'u1', category: 'usager' },
	{ userId: 'u2', category: 'elu' },
	{ userId: 'f', category: null }
] as const;

describe('reviewUpdate', () => {
	it('accepts every honest edit of several people in any interleaving and leaves nothing pending (property)', () => {
		const op = fc.record({
			person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
			kind: fc.constantFrom('create', 'type', 'move', 'delete', 'sync'),
			pick: fc.nat()
		});
		fc.assert(
			fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
				const server = new Server();
				const clients = PEOPLE.map((who) => {
					const doc = new Y.Doc();
					const outbox: Uint8Array[] = [];
					doc.on('update', (update: Uint8Array, origin: unknown) => {
						if (origin !== 'server') outbox.push(update);
					});
					return { who, doc, outbox };
				});
				for (const { person, kind, pick } of ops) {
					const client = clients[person];
					if (!client) continue;
					const ids = [...itemsOf(client.doc).keys()];
					const target = ids[pick % Math.max(1, ids.length)];
					if (kind === 'create') {
						createSticky(client.doc, {
							x: pick,
							y: 0,
							text: 'idée',
							category: client.who.category
						});
					} else if (kind === 'type' && target) itemText(client.doc, target)?.insert(0, 'a');
					else if (kind === 'move' && target) moveItem(client.doc, { id: target, x: pick, y: 1 });
					else if (kind === 'delete' && target) deleteItem(client.doc, target);
					else if (kind === 'sync') {
						// Sends its outbox (possibly edits made offline, merged), then receives the board.
						const merged = Y.mergeUpdates(client.outbox.splice(0));
						expect(server.receive(merged, client.who)).toBeNull();
						Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(server.doc), 'server');
					}
				}
				for (const client of clients) {
					expect(server.receive(Y.mergeUpdates(client.outbox.splice(0)), client.who)).toBeNull();
					// A reconnecting client's answer to step 1 resends what the server holds: harmless.
					expect(server.receive(Y.encodeStateAsUpdate(client.doc), client.who)).toBeNull();
				}
				expect(server.doc.store.pendingStructs).toBeNull();
				expect(server.doc.store.pendingDs).toBeNull();
			}),
			{ numRuns: 60 }
		);
	});

	it('tells a resend of what the board holds, which adds nothing, from an update that adds', () => {
		const server = new Server();
		const who = PEOPLE[0];
		const doc = new Y.Doc();
		createSticky(doc, { x: 0, y: 0, text: 'idée', category: who.category });
		const first = server.review(Y.encodeStateAsUpdate(doc), who);
		expect(first).toMatchObject({ refusal: null, adds: true });
		expect(server.receive(Y.encodeStateAsUpdate(doc), who)).toBeNull();
		expect(server.review(Y.encodeStateAsUpdate(doc), who)).toMatchObject({
			refusal: null,
			adds: false
		});
	});

	it('refuses unknown root types and sub-documents', () => {
		const server = new Server();
		const who = PEOPLE[0];
		const rooted = new Y.Doc();
		rooted.getArray('hidden').push(['x']);
		expect(server.review(Y.encodeStateAsUpdate(rooted), who).refusal?.reason).toBe('unknown-root');

		const nested = new Y.Doc();
		itemsOf(nested).set('sub', new Y.Map([['doc', new Y.Doc()]]) as Y.Map<unknown>);
		expect(server.review(Y.encodeStateAsUpdate(nested), who).refusal?.reason).toBe('subdocument');
	});

	it('counts a note written in the update that creates it from nothing, reading no unborn type', () => {
		const server = new Server();
		const limits = { maxTextChars: 9, maxValueBytes: 64 };
		const reviewNew = (text: string) => {
			const doc = new Y.Doc();
			let update: Uint8Array = new Uint8Array();
			doc.on('update', (next: Uint8Array) => (update = next));
			createSticky(doc, { x: 0, y: 0, text, category: null });
			return reviewUpdate({
				doc: server.doc,
				decoded: Y.decodeUpdate(update),
				...PEOPLE[2],
				owners: server.owners,
				categories: server.categories,
				limits
			}).refusal?.reason;
		};
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		try {
			expect(reviewNew('a'.repeat(9))).toBeUndefined();
			expect(reviewNew('a'.repeat(10))).toBe('text-too-long');
			// Yjs warns when a type not yet in a document is read; the server log stays clean.
			expect(warn).not.toHaveBeenCalled();
		} finally {
			warn.mockRestore();
		}
	});

	it('refuses a text or a value beyond the limits, counting what the text already holds', () => {
		const server = new Server();
		const who = PEOPLE[2];
		const doc = new Y.Doc();
		let last: Uint8Array = new Uint8Array();
		doc.on('update', (update: Uint8Array) => (last = update));
		const id = createSticky(doc, { x: 0, y: 0, text: 'a'.repeat(8), category: null });
		expect(server.receive(last, who)).toBeNull();
		itemText(doc, id)?.insert(0, 'bb');
		const limits = { maxTextChars: 9, maxValueBytes: 64 };
		const review = (update: Uint8Array) =>
			reviewUpdate({
				doc: server.doc,
				decoded: Y.decodeUpdate(update),
				...who,
				owners: server.owners,
				categories: server.categories,
				limits
			}).refusal?.reason ?? null;
		expect(review(last)).toBe('text-too-long');

		// Text inserted after the middle of another string of the same update counts too.
		const crafted = new Y.Doc();
		Y.applyUpdate(crafted, Y.encodeStateAsUpdate(server.doc));
		const parts: Uint8Array[] = [];
		crafted.on('update', (update: Uint8Array) => parts.push(update));
		itemText(crafted, id)?.insert(0, 'x');
		itemText(crafted, id)?.insert(1, 'y');
		expect(review(Y.mergeUpdates(parts))).toBe('text-too-long');

		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(server.doc));
		other.on('update', (update: Uint8Array) => (last = update));
		itemsOf(other)
			.get(id)
			?.set(
				'points',
				Array.from({ length: 40 }, (_, i) => i)
			);
		expect(review(last)).toBe('value-too-large');
		// Its next edit starts after the refused one: a gap, refused too, until it resyncs.
		itemsOf(other).get(id)?.set('color', 'pink');
		expect(review(last)).toBe('gap');
	});
});
