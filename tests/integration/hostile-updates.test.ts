import { asc, eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, itemAt, itemsOf, listItems } from '../../src/lib/board/schema.ts';
import { boardUpdates } from '../../src/lib/server/db/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import { DRIVERS } from '../helpers/database.ts';
import type { ApiClient } from '../helpers/http-client.ts';
import type { RunningServer } from '../../server/app.ts';
import {
	Harness,
	db,
	joinAsGuest,
	ticketFor,
	userIdOf,
	warmUp,
	type TestProvider
} from './support.ts';

/**
 * Attacks on the update path with well-formed, valid-looking messages (issue 13): a modified
 * y-websocket client writing under someone else's client id, leaving structs pending, deleting
 * clocks not yet written, or forging a category. Each is refused whole with a named close code,
 * nothing of it is applied or logged, and the victim's next edits arrive intact.
 */

const WAIT = { timeout: 10_000, interval: 20 };
const SYNC_UPDATE = 2;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

/** A y-websocket sync frame (`subType`: step 2 or update) carrying `update`. */
function syncFrame(update: Uint8Array, subType = SYNC_UPDATE): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, subType);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** An update (v1) holding no struct and one deleted range of `client`. */
function deleteOnlyUpdate(client: number, clock: number, len: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // no structs
	encoding.writeVarUint(encoder, 1); // one client in the delete set
	encoding.writeVarUint(encoder, client);
	encoding.writeVarUint(encoder, 1); // one range
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarUint(encoder, len);
	return encoding.toUint8Array(encoder);
}

/** A document holding `source`'s state, writing as `clientId`; returns it and its next update. */
function forgedDoc(source: Y.Doc, clientId: number): { doc: Y.Doc; next: () => Uint8Array } {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
	// Set after the state is in: Yjs changes a document's id when an update brings structs under it.
	doc.clientID = clientId;
	let last: Uint8Array | null = null;
	doc.on('update', (update: Uint8Array) => (last = update));
	return {
		doc,
		next: () => {
			if (!last) throw new Error('the forged document wrote nothing');
			return last;
		}
	};
}

async function storedRows(boardId: string) {
	return db()
		.select()
		.from(boardUpdates)
		.where(eq(boardUpdates.boardId, boardId))
		.orderBy(asc(boardUpdates.seq));
}

describe.each(DRIVERS)('hostile but well-formed updates (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	/** A board with a facilitator, an usager (the victim) and an agent (the attacker), synced. */
	async function room() {
		const { database, server, facilitator, board } = await h.board(driver);
		const victimClient = await joinAsGuest(server, board.joinUrl, 'Vera', 'usager');
		const attacker = await joinAsGuest(server, board.joinUrl, 'Mallory', 'agent');
		const watcher = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const victim = await h.syncedProvider(server, board.id, { cookie: victimClient.cookie });
		return { database, server, facilitator, board, victimClient, attacker, watcher, victim };
	}

	/**
	 * A raw socket of `attacker` that has answered the server's sync step 1 (with nothing new), as
	 * every client does on connecting: from then on an update ahead of the board is refused.
	 */
	async function hostileSocket(server: RunningServer, boardId: string, attacker: ApiClient) {
		const socket = await h.rawSocket(server, boardId, {
			ticket: await ticketFor(attacker, boardId)
		});
		socket.send(syncFrame(Y.encodeStateAsUpdate(new Y.Doc()), SYNC_STEP_2));
		return socket;
	}

	/** The victim writes a note; it reaches the watcher and stays, attributed to the victim. */
	async function victimStillWrites(input: {
		victim: TestProvider;
		watcher: TestProvider;
		boardId: string;
		victimId: string;
		text: string;
	}) {
		const { victim, watcher, boardId, victimId, text } = input;
		createSticky(victim.doc, { x: 0, y: 400, text, category: 'usager' });
		await vi.waitFor(
			() => expect(listItems(watcher.doc).map((item) => item.text)).toContain(text),
			WAIT
		);
		await vi.waitFor(async () => {
			const rows = await storedRows(boardId);
			const replay = new Y.Doc();
			for (const row of rows) Y.applyUpdate(replay, row.update);
			expect(listItems(replay).find((item) => item.text === text)).toBeDefined();
		}, WAIT);
		expect(victim.closeCodes).toEqual([]);
		expect(listItems(victim.doc)).toEqual(listItems(watcher.doc));
		const rows = await storedRows(boardId);
		const last = rows.at(-1);
		expect(last?.authorId).toBe(victimId);
		expect(last?.category).toBe('usager');
	}

	it('refuses structs written under another person’s client id, before and after the victim wrote, and as sync step 2', async () => {
		const { server, board, victimClient, attacker, watcher, victim } = await room();
		const victimId = await userIdOf(victimClient);
		const victimClientId = victim.doc.clientID;

		// Before the victim wrote anything: its id is only announced in awareness (its cursor).
		victim.provider.awareness.setLocalStateField('cursor', { x: 10, y: 10 });
		await vi.waitFor(
			() => expect(watcher.provider.awareness.getStates().has(victimClientId)).toBe(true),
			WAIT
		);
		const early = forgedDoc(watcher.doc, victimClientId);
		createSticky(early.doc, { x: 0, y: 0, text: 'Signé Vera ?', category: 'agent' });
		const first = await hostileSocket(server, board.id, attacker);
		first.send(syncFrame(early.next()));
		expect(await first.closed).toBe(CloseCode.ClientIdTaken);

		createSticky(victim.doc, { x: 0, y: 0, text: 'Ma vraie idée', category: 'usager' });
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		const storedBefore = (await storedRows(board.id)).length;

		// After: the victim's next clock, as an update and as a sync step 2.
		for (const subType of [SYNC_UPDATE, SYNC_STEP_2]) {
			const forged = forgedDoc(watcher.doc, victimClientId);
			createSticky(forged.doc, { x: 0, y: 200, text: 'Je retire ma demande', category: 'usager' });
			const socket = await hostileSocket(server, board.id, attacker);
			socket.send(syncFrame(forged.next(), subType));
			expect(await socket.closed).toBe(CloseCode.ClientIdTaken);
		}

		expect((await storedRows(board.id)).length).toBe(storedBefore);
		expect(listItems(watcher.doc).map((item) => item.text)).toEqual(['Ma vraie idée']);
		expect(server.realtime.stats().boardsWithPending).toBe(0);
		await victimStillWrites({ victim, watcher, boardId: board.id, victimId, text: 'Et une autre' });
	});

	it('refuses a gap in the clocks and references to structs not held, so nothing waits to be applied later inside someone else’s edit', async () => {
		const { server, board, victimClient, attacker, watcher, victim } = await room();
		const victimId = await userIdOf(victimClient);
		const mine = forgedDoc(watcher.doc, 1_234_567);
		createSticky(mine.doc, { x: 0, y: 0, text: 'Premier', category: 'agent' });
		const held = mine.next();
		createSticky(mine.doc, { x: 0, y: 200, text: 'Caché jusqu’à plus tard', category: 'agent' });
		const afterGap = mine.next();

		const gap = await hostileSocket(server, board.id, attacker);
		gap.send(syncFrame(afterGap));
		expect(await gap.closed).toBe(CloseCode.InvalidUpdate);
		expect(server.realtime.stats().boardsWithPending).toBe(0);

		// A struct of its own, next in its clock, but inserted after a struct nobody holds.
		const other = forgedDoc(watcher.doc, 7_654_321);
		createSticky(other.doc, { x: 0, y: 0, text: 'Jamais reçu', category: 'agent' });
		const dependsOn = forgedDoc(other.doc, 1_234_568);
		const [noteId] = [...itemsOf(dependsOn.doc).keys()];
		if (!noteId) throw new Error('no note');
		itemAt(dependsOn.doc, noteId)?.set('x', 99);
		const reference = await hostileSocket(server, board.id, attacker);
		reference.send(syncFrame(dependsOn.next()));
		expect(await reference.closed).toBe(CloseCode.InvalidUpdate);

		// The attacker's honest first part, then its held-back part again: only the first exists.
		const honest = await hostileSocket(server, board.id, attacker);
		honest.send(syncFrame(held));
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		expect(server.realtime.stats().boardsWithPending).toBe(0);
		await victimStillWrites({ victim, watcher, boardId: board.id, victimId, text: 'Bien reçue' });
		expect(
			listItems(watcher.doc)
				.map((item) => item.text)
				.sort()
		).toEqual(['Bien reçue', 'Premier']);
	});

	it('drops an update ahead of the board sent before the sync answer (a reconnecting client’s new edit), and the answer brings it', async () => {
		const { server, board, attacker, watcher } = await room();
		const mine = forgedDoc(watcher.doc, 2_345_678);
		createSticky(mine.doc, { x: 0, y: 0, text: 'Perdue avec l’instance', category: 'agent' });
		mine.next();
		createSticky(mine.doc, { x: 0, y: 200, text: 'Écrite à la reconnexion', category: 'agent' });
		const ahead = mine.next();
		const storedBefore = (await storedRows(board.id)).length;

		const socket = await h.rawSocket(server, board.id, {
			ticket: await ticketFor(attacker, board.id)
		});
		socket.send(syncFrame(ahead));
		// A step 1 after it: its answer comes once the update before it was handled.
		socket.send(syncFrame(Y.encodeStateVector(new Y.Doc()), SYNC_STEP_1));
		const answered = (message: Uint8Array) => message[0] === 0 && message[1] === SYNC_STEP_2;
		await vi.waitFor(() => expect(socket.messages.some(answered)).toBe(true), WAIT);
		// Nothing of it is applied, stored or left pending, and the connection stays open...
		const [answer] = socket.messages.filter(answered);
		const seen = new Y.Doc();
		Y.applyUpdate(seen, decoding.readVarUint8Array(decoding.createDecoder(answer!.subarray(2))));
		expect(listItems(seen)).toEqual([]);
		expect(listItems(watcher.doc)).toEqual([]);
		expect(server.realtime.stats().boardsWithPending).toBe(0);
		expect((await storedRows(board.id)).length).toBe(storedBefore);
		// ...until its answer to step 1, which holds both notes, is reviewed and applied.
		socket.send(
			syncFrame(Y.encodeStateAsUpdate(mine.doc, Y.encodeStateVector(watcher.doc)), SYNC_STEP_2)
		);
		await vi.waitFor(
			() =>
				expect(
					listItems(watcher.doc)
						.map((item) => item.text)
						.sort()
				).toEqual(['Perdue avec l’instance', 'Écrite à la reconnexion']),
			WAIT
		);
		expect(server.realtime.stats().boardsWithPending).toBe(0);

		// Once it has answered, an update ahead of the board is refused.
		createSticky(mine.doc, { x: 0, y: 400, text: 'Après un trou', category: 'agent' });
		mine.next();
		createSticky(mine.doc, { x: 0, y: 600, text: 'Trop tôt', category: 'agent' });
		socket.send(syncFrame(mine.next()));
		expect(await socket.closed).toBe(CloseCode.InvalidUpdate);
		expect(listItems(watcher.doc)).toHaveLength(2);
	});

	it('refuses deletes of clocks not yet written, so the victim’s next notes do not vanish as they arrive', async () => {
		const { server, board, victimClient, attacker, watcher, victim } = await room();
		const victimId = await userIdOf(victimClient);
		createSticky(victim.doc, { x: 0, y: 0, text: 'Déjà là', category: 'usager' });
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		const held = Y.getState(watcher.doc.store, victim.doc.clientID);
		const storedBefore = (await storedRows(board.id)).length;

		for (const subType of [SYNC_UPDATE, SYNC_STEP_2]) {
			const socket = await hostileSocket(server, board.id, attacker);
			socket.send(syncFrame(deleteOnlyUpdate(victim.doc.clientID, held, 10_000), subType));
			expect(await socket.closed).toBe(CloseCode.InvalidUpdate);
		}
		// Straddling the end of what exists is refused too.
		const straddle = await hostileSocket(server, board.id, attacker);
		straddle.send(syncFrame(deleteOnlyUpdate(victim.doc.clientID, 0, held + 1)));
		expect(await straddle.closed).toBe(CloseCode.InvalidUpdate);

		expect((await storedRows(board.id)).length).toBe(storedBefore);
		await victimStillWrites({
			victim,
			watcher,
			boardId: board.id,
			victimId,
			text: 'Toujours visible'
		});
		expect(
			listItems(watcher.doc)
				.map((item) => item.text)
				.sort()
		).toEqual(['Déjà là', 'Toujours visible']);
	});

	it('a delete of existing content is applied and logged under its sender, whoever wrote the note', async () => {
		const { server, board, attacker, watcher, victim } = await room();
		const attackerId = await userIdOf(attacker);
		createSticky(victim.doc, { x: 0, y: 0, text: 'À moi', category: 'usager' });
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		const held = Y.getState(watcher.doc.store, victim.doc.clientID);
		const socket = await hostileSocket(server, board.id, attacker);
		socket.send(syncFrame(deleteOnlyUpdate(victim.doc.clientID, 0, held)));
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(0), WAIT);
		await vi.waitFor(async () => {
			const last = (await storedRows(board.id)).at(-1);
			expect(last?.authorId).toBe(attackerId);
			expect(last?.category).toBe('agent');
		}, WAIT);
	});

	it('refuses a forged category on a new note and a restamped category on an existing one, and keeps the creator’s category through an undo', async () => {
		const { server, board, attacker, watcher, victim } = await room();
		const storedBefore = (await storedRows(board.id)).length;

		const forged = forgedDoc(watcher.doc, 424_242);
		createSticky(forged.doc, { x: 0, y: 0, text: 'Parole d’élu', category: 'elu' });
		const socket = await hostileSocket(server, board.id, attacker);
		socket.send(syncFrame(forged.next()));
		expect(await socket.closed).toBe(CloseCode.InvalidUpdate);
		expect((await storedRows(board.id)).length).toBe(storedBefore);

		const noteId = createSticky(victim.doc, {
			x: 0,
			y: 0,
			text: 'Idée usager',
			category: 'usager'
		});
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		for (const category of ['agent', 'elu', null]) {
			const restamp = forgedDoc(watcher.doc, 515_151);
			itemAt(restamp.doc, noteId)?.set('category', category);
			const again = await hostileSocket(server, board.id, attacker);
			again.send(syncFrame(restamp.next()));
			expect(await again.closed).toBe(CloseCode.InvalidUpdate);
		}
		expect(listItems(watcher.doc)[0]?.category).toBe('usager');

		// The facilitator deletes the usager's note and undoes it: the note comes back as the usager's.
		const undo = new Y.UndoManager(itemsOf(watcher.doc));
		watcher.doc.transact(() => itemsOf(watcher.doc).delete(noteId));
		await vi.waitFor(() => expect(listItems(victim.doc)).toHaveLength(0), WAIT);
		undo.undo();
		await vi.waitFor(() => expect(listItems(victim.doc)).toHaveLength(1), WAIT);
		expect(listItems(victim.doc)[0]).toMatchObject({ text: 'Idée usager', category: 'usager' });
		expect(watcher.closeCodes).toEqual([]);
		expect(server.realtime.stats().boardsWithPending).toBe(0);
	});

	it('keeps a client id bound to its writer across a restart: the writer resumes, an impostor is refused', async () => {
		const { database, server, facilitator, board, victimClient, attacker, watcher, victim } =
			await room();
		const victimId = await userIdOf(victimClient);
		const victimClientId = victim.doc.clientID;
		createSticky(victim.doc, { x: 0, y: 0, text: 'Avant la panne', category: 'usager' });
		await vi.waitFor(() => expect(listItems(watcher.doc)).toHaveLength(1), WAIT);
		await vi.waitFor(
			async () => expect((await storedRows(board.id)).length).toBeGreaterThan(0),
			WAIT
		);
		victim.provider.destroy();
		watcher.provider.destroy();
		await server.close();

		const restarted = await h.server(database);
		// The impostor comes first, while the victim is away (no awareness announces its id).
		const forged = forgedDoc(victim.doc, victim.doc.clientID);
		createSticky(forged.doc, { x: 0, y: 200, text: 'Faux', category: 'agent' });
		const socket = await h.rawSocket(restarted, board.id, { cookie: attacker.cookie });
		socket.send(syncFrame(forged.next()));
		expect(await socket.closed).toBe(CloseCode.ClientIdTaken);

		// The stock client reconnects with the same document (same client id) and writes on.
		const back = await h.syncedProvider(
			restarted,
			board.id,
			{ cookie: victimClient.cookie },
			victim.doc
		);
		const check = await h.syncedProvider(restarted, board.id, { cookie: facilitator.cookie });
		expect(back.doc.clientID).toBe(victimClientId);
		await victimStillWrites({
			victim: back,
			watcher: check,
			boardId: board.id,
			victimId,
			text: 'Après la panne'
		});
	});
});
