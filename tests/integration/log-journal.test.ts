import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import {
	insertUpdatesAt,
	loadClientOwners,
	storedHeadSeq
} from '../../src/lib/server/history/store.ts';
import { LogJournal, replayJournal } from '../../server/realtime/log-journal.ts';
import { storedDoc } from './fuzz-support.ts';
import { Harness, userIdOf, warmUp } from './support.ts';

/**
 * The embedded database's journal against a real PGlite: what a crashed process journaled (and
 * so broadcast) but never committed is stored by the next start's replay, and served.
 */
describe('journal replay (pglite)', () => {
	const h = new Harness();
	const silent = pino({ level: 'silent' });
	let dir = '';
	beforeAll(() => warmUp('pglite'));
	afterEach(async () => {
		await h.cleanup();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('stores the journaled updates the database lacks, with their author, category and client ids, once', async () => {
		const { server, facilitator, board } = await h.board('pglite');
		const authorId = await userIdOf(facilitator);
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-journal-it-'));

		// What a process broadcast before dying: two notes journaled, never committed.
		const writer = new Y.Doc();
		const updates: Uint8Array[] = [];
		writer.on('update', (update: Uint8Array) => updates.push(update));
		createSticky(writer, { x: 0, y: 0, text: 'Journalisée avant la panne' });
		createSticky(writer, { x: 240, y: 0, text: 'Et celle-ci aussi' });
		const head = await storedHeadSeq(board.id);
		expect(head).not.toBeNull();
		const journal = new LogJournal(dir);
		const at = new Date();
		journal.append(board.id, (head ?? 0) + 1, [
			{
				update: updates[0] as Uint8Array,
				authorId,
				category: 'usager',
				at,
				bindsClients: [writer.clientID]
			},
			{ update: updates[1] as Uint8Array, authorId, category: 'usager', at }
		]);
		journal.close();
		expect(listItems(await storedDoc(board.id))).toEqual([]);

		const replay = () =>
			replayJournal({ dir, storedHead: storedHeadSeq, store: insertUpdatesAt, log: silent });
		expect(await replay()).toBe(2);
		expect(fs.readdirSync(dir)).toEqual([]);
		expect(await storedHeadSeq(board.id)).toBe((head ?? 0) + 2);
		expect(
			listItems(await storedDoc(board.id))
				.map((item) => item.text)
				.sort()
		).toEqual(['Et celle-ci aussi', 'Journalisée avant la panne']);
		expect(await loadClientOwners(board.id)).toContainEqual({
			clientId: writer.clientID,
			userId: authorId
		});

		// The same journal replayed again (a crash during the first replay) stores nothing twice.
		const again = new LogJournal(dir);
		again.append(board.id, (head ?? 0) + 1, [
			{ update: updates[0] as Uint8Array, authorId, category: 'usager', at },
			{ update: updates[1] as Uint8Array, authorId, category: 'usager', at }
		]);
		again.close();
		expect(await replay()).toBe(0);

		// A client joining now gets both notes from the server.
		const reader = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		expect(listItems(reader.doc)).toHaveLength(2);
	});
});
