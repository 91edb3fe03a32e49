import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/temp-dir.ts';
import type { UnnumberedUpdate } from '../../src/lib/server/history/store.ts';
import {
	LogJournal,
	decodeJournalFile,
	encodeJournalRecord,
	replayJournal,
	type JournalRecord
} from './log-journal.ts';

const silent = pino({ level: 'silent' });
const journalDir = () => tempDir('croisee-journal-');

function row(byte: number, extra: Partial<UnnumberedUpdate> = {}): UnnumberedUpdate {
	return {
		update: new Uint8Array([byte, byte, byte]),
		authorId: 'person-1',
		category: 'usager',
		at: new Date(Date.UTC(2026, 11, 5, 9, 30, byte)),
		bindsClients: [],
		...extra
	};
}

/** Every `journal-*.log` in `dir`, decoded. */
function readAll(dir: string): JournalRecord[] {
	return fs
		.readdirSync(dir)
		.sort()
		.flatMap((name) => decodeJournalFile(fs.readFileSync(path.join(dir, name))).records);
}

describe('journal records', () => {
	it('read back exactly what was written: seq, time, author, category, bytes and bound client ids', () => {
		const record: JournalRecord = {
			boardId: 'board-é',
			firstSeq: 4_000_000_001,
			rows: [
				row(1, { bindsClients: [2 ** 31, 7] }),
				row(2, { authorId: null, category: null }),
				row(3, { category: 'elu' })
			]
		};
		const decoded = decodeJournalFile(encodeJournalRecord(record));
		expect(decoded).toEqual({ records: [record], torn: false });
	});

	it('stop at a record cut short or corrupted, keeping the ones before', () => {
		const first = encodeJournalRecord({ boardId: 'b', firstSeq: 1, rows: [row(1)] });
		const second = encodeJournalRecord({ boardId: 'b', firstSeq: 2, rows: [row(2)] });
		const both = new Uint8Array([...first, ...second]);

		const cut = decodeJournalFile(both.subarray(0, both.byteLength - 3));
		expect(cut.torn).toBe(true);
		expect(cut.records.map((r) => r.firstSeq)).toEqual([1]);

		const flipped = both.slice();
		flipped[first.byteLength + 12] = (flipped[first.byteLength + 12] ?? 0) ^ 0xff;
		const corrupt = decodeJournalFile(flipped);
		expect(corrupt.torn).toBe(true);
		expect(corrupt.records.map((r) => r.firstSeq)).toEqual([1]);
	});
});

describe('LogJournal', () => {
	it('appends one record per batch and deletes its file once every batch is released', () => {
		const dir = journalDir();
		const journal = new LogJournal(dir, { rotateBytes: 1 });
		const a = journal.append('b', 1, [row(1), row(2)]);
		const b = journal.append('b', 3, [row(3)]);
		expect(readAll(dir).map((r) => [r.firstSeq, r.rows.length])).toEqual([
			[1, 2],
			[3, 1]
		]);
		journal.release(a);
		// Over `rotateBytes`: set aside, later batches go to a new file; kept while b is out.
		expect(fs.readdirSync(dir)).toHaveLength(1);
		const c = journal.append('b', 4, [row(4)]);
		expect(fs.readdirSync(dir)).toHaveLength(2);
		journal.release(b);
		expect(readAll(dir).map((r) => r.firstSeq)).toEqual([4]);
		journal.release(c);
		journal.close();
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it('keeps on close the files whose batches are not in the database, and refuses to start over them', () => {
		const dir = journalDir();
		const journal = new LogJournal(dir);
		journal.append('b', 1, [row(1)]);
		journal.close();
		expect(readAll(dir).map((r) => r.firstSeq)).toEqual([1]);
		expect(() => new LogJournal(dir)).toThrow(/not replayed/);
	});
});

describe('replayJournal', () => {
	/** A database of boards (id → stored head), recording what replay stores. */
	function fakeDatabase(heads: Record<string, number>) {
		const stored: Array<{ boardId: string; seqs: number[] }> = [];
		return {
			stored,
			storedHead: async (boardId: string) => heads[boardId] ?? null,
			store: async (boardId: string, firstSeq: number, rows: readonly UnnumberedUpdate[]) => {
				stored.push({ boardId, seqs: rows.map((_, i) => firstSeq + i) });
				heads[boardId] = firstSeq + rows.length - 1;
			}
		};
	}

	it('stores only the rows the database lacks, drops those of deleted boards, then deletes the files', async () => {
		const dir = journalDir();
		const journal = new LogJournal(dir, { rotateBytes: 1 });
		const first = journal.append('kept', 10, [row(1), row(2), row(3)]);
		journal.release(first); // sets the first file aside
		journal.append('kept', 13, [row(4)]);
		journal.append('gone', 1, [row(5)]);
		journal.append('new', 1, [row(6), row(7)]);
		journal.close();
		// Crash: the first file was released too late to be deleted; seqs 10-11 are stored.
		fs.writeFileSync(
			path.join(dir, 'journal-00000001.log'),
			encodeJournalRecord({ boardId: 'kept', firstSeq: 10, rows: [row(1), row(2), row(3)] })
		);
		const database = fakeDatabase({ kept: 11, new: 0 });

		const count = await replayJournal({ dir, ...database, log: silent });
		expect(database.stored).toEqual([
			{ boardId: 'kept', seqs: [12] },
			{ boardId: 'kept', seqs: [13] },
			{ boardId: 'new', seqs: [1, 2] }
		]);
		expect(count).toBe(4);
		expect(fs.readdirSync(dir)).toEqual([]);
		expect(await replayJournal({ dir, ...database, log: silent })).toBe(0);
	});

	it('refuses to leave a hole: a journaled row far after the stored head stops the start', async () => {
		const dir = journalDir();
		const journal = new LogJournal(dir);
		journal.append('b', 20, [row(1)]);
		journal.close();
		const database = fakeDatabase({ b: 5 });
		await expect(replayJournal({ dir, ...database, log: silent })).rejects.toThrow(
			/stored up to seq 5/
		);
		expect(database.stored).toEqual([]);
		expect(fs.readdirSync(dir)).toHaveLength(1);
	});
});
