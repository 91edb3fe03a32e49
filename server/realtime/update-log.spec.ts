import fs from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../tests/helpers/temp-dir.ts';
import type { StoredSnapshot, StoredUpdate } from '../../src/lib/server/history/store.ts';
import { LogJournal } from './log-journal.ts';
import {
	JOURNAL_COMMIT_DELAY_MS,
	SNAPSHOT_LOG_RATIO,
	UpdateLog,
	type LogStore,
	type LoggedUpdate
} from './update-log.ts';

const silent = pino({ level: 'silent' });

/** An in-memory store numbering rows after `head`, whose inserts fail `failures` times first. */
function fakeStore(failures = 0, head = 0) {
	const inserts: StoredUpdate[][] = [];
	const snapshots: StoredSnapshot[] = [];
	let left = failures;
	const store: LogStore = {
		insertUpdates: async (_boardId, rows) => {
			inserts.push(rows.map((row, i) => ({ ...row, seq: head + i + 1 })));
			if (left-- > 0) throw new Error('database down');
			head += rows.length;
			return head - rows.length + 1;
		},
		insertUpdatesAt: async (_boardId, firstSeq, rows) => {
			inserts.push(rows.map((row, i) => ({ ...row, seq: firstSeq + i })));
			if (left-- > 0) throw new Error('database down');
			head = firstSeq + rows.length - 1;
		},
		insertSnapshot: async (_boardId, snapshot) => {
			snapshots.push(snapshot);
		}
	};
	return { store, inserts, snapshots };
}

function makeLog(
	store: LogStore,
	options: {
		lastSeq?: number;
		loaded?: { lastSnapshotSeq: number; lastSnapshotBytes: number; bytesSinceSnapshot: number };
		snapshotEveryUpdates?: number;
		/** Size of the states `snapshotOf` returns (1 byte by default). */
		stateBytes?: number;
		onStored?: (e: readonly LoggedUpdate[]) => void;
		/** `LOG_BATCH_MS` (0, its default, by default). */
		batchMs?: number;
		journal?: LogJournal;
	} = {}
) {
	let items = 0;
	const log: UpdateLog = new UpdateLog({
		boardId: 'board',
		loaded: {
			lastSeq: options.lastSeq ?? 0,
			lastSnapshotSeq: 0,
			lastSnapshotBytes: 0,
			bytesSinceSnapshot: 0,
			...options.loaded
		},
		batchMs: options.batchMs ?? 0,
		snapshotEveryUpdates: options.snapshotEveryUpdates ?? 0,
		snapshotOf: () => ({
			state: new Uint8Array(options.stateBytes ?? 1).fill(items),
			itemCount: items,
			seq: log.lastStoredSeq
		}),
		onStored: options.onStored ?? (() => {}),
		log: silent,
		store,
		journal: options.journal
	});
	const append = (byte: number) => {
		items++;
		log.append({ update: new Uint8Array([byte]), origin: null, authorId: 'u', category: 'agent' });
	};
	return { log, append };
}

describe('UpdateLog', () => {
	it('stores pending updates in one insert numbered by the store, then hands them over', async () => {
		const { store, inserts } = fakeStore(0, 41);
		const stored: number[][] = [];
		const { log, append } = makeLog(store, {
			lastSeq: 41,
			onStored: (entries) => stored.push(entries.map((entry) => entry.seq))
		});
		append(1);
		append(2);
		append(3);
		expect(log.idle).toBe(false);
		await log.flushed();
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[42, 43, 44]]);
		expect(inserts[0]?.[0]).toMatchObject({ authorId: 'u', category: 'agent' });
		expect(stored).toEqual([[42, 43, 44]]);
		expect(log.lastStoredSeq).toBe(44);
	});

	it('starts the commit of a lone update on an idle log in the next event-loop turn', async () => {
		const { store, inserts } = fakeStore();
		const { log, append } = makeLog(store);
		append(1);
		expect(inserts).toHaveLength(0);
		await new Promise((resolve) => setImmediate(resolve));
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[1]]);
		await log.flushed();
	});

	it('groups the updates that arrive while a commit is in flight into the next commit', async () => {
		const { store, inserts } = fakeStore();
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const slow: LogStore = {
			...store,
			insertUpdates: async (boardId, rows) => {
				const firstSeq = await store.insertUpdates(boardId, rows);
				if (inserts.length === 1) await gate;
				return firstSeq;
			}
		};
		const stored: number[][] = [];
		const { log, append } = makeLog(slow, {
			onStored: (entries) => stored.push(entries.map((entry) => entry.seq))
		});
		append(1);
		await vi.waitFor(() => expect(inserts).toHaveLength(1));
		append(2);
		append(3);
		await new Promise((resolve) => setImmediate(resolve));
		expect(inserts).toHaveLength(1);
		release();
		await log.flushed();
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[1], [2, 3]]);
		expect(stored).toEqual([[1], [2, 3]]);
	});

	it('waits LOG_BATCH_MS before a commit when it is set', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] });
		try {
			const { store, inserts } = fakeStore();
			const { log, append } = makeLog(store, { batchMs: 5 });
			append(1);
			await vi.advanceTimersByTimeAsync(4);
			expect(inserts).toHaveLength(0);
			append(2);
			await vi.advanceTimersByTimeAsync(1);
			expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[1, 2]]);
			await log.flushed();
		} finally {
			vi.useRealTimers();
		}
	});

	it('never hands over a batch that is not stored, and retries it with back-off', async () => {
		const { store, inserts } = fakeStore(2);
		const onStored = vi.fn();
		const { log, append } = makeLog(store, { onStored });
		append(1);
		await vi.waitFor(() => expect(inserts.length).toBe(2));
		expect(onStored).not.toHaveBeenCalled();
		await log.flushed();
		expect(inserts.length).toBe(3);
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[1], [1], [1]]);
		expect(onStored).toHaveBeenCalledTimes(1);
	});

	it('captures a sync answer when nothing unstored is left, and delivers it once stored', async () => {
		const { store } = fakeStore();
		const { log, append } = makeLog(store);
		const events: string[] = [];
		log.whenDurable(() => {
			events.push('capture now');
			return () => events.push('deliver now');
		});
		expect(events).toEqual(['capture now', 'deliver now']);

		append(1);
		log.whenDurable(() => {
			events.push('capture at batch');
			return () => events.push('deliver after insert');
		});
		expect(events).toHaveLength(2);
		await log.flushed();
		expect(events.slice(2)).toEqual(['capture at batch', 'deliver after insert']);
	});

	it('snapshots after N stored updates with the seq the document holds, and when behind', async () => {
		const { store, snapshots } = fakeStore();
		const { log, append } = makeLog(store, { snapshotEveryUpdates: 3 });
		for (let i = 0; i < 4; i++) append(i);
		await log.flushed();
		await log.snapshotIfBehind();
		expect(snapshots.map(({ seq, itemCount }) => ({ seq, itemCount }))).toEqual([
			{ seq: 4, itemCount: 4 }
		]);
		append(9);
		await log.snapshotIfBehind();
		expect(snapshots.map((snapshot) => snapshot.seq)).toEqual([4, 5]);
		await log.snapshotIfBehind();
		expect(snapshots).toHaveLength(2);
	});

	it('waits, between periodic snapshots, until the updates logged weigh half the last snapshot', async () => {
		const { store, snapshots } = fakeStore();
		const { log, append } = makeLog(store, { snapshotEveryUpdates: 2, stateBytes: 10 });
		for (let i = 1; i <= 7; i++) {
			append(i); // 1 byte each
			await log.flushed();
		}
		// Seq 2: two updates, no snapshot yet. Seq 7: five more bytes, half of the 10-byte state.
		await vi.waitFor(() => expect(snapshots.map((snapshot) => snapshot.seq)).toEqual([2, 7]));
		expect(SNAPSHOT_LOG_RATIO).toBe(0.5);
	});

	it('counts the log tail loaded with the board towards the next snapshot', async () => {
		const { store, snapshots } = fakeStore(0, 6);
		const { log, append } = makeLog(store, {
			lastSeq: 6,
			loaded: { lastSnapshotSeq: 2, lastSnapshotBytes: 10, bytesSinceSnapshot: 4 },
			snapshotEveryUpdates: 2,
			stateBytes: 10
		});
		append(1);
		await log.flushed();
		await vi.waitFor(() => expect(snapshots.map((snapshot) => snapshot.seq)).toEqual([7]));
	});

	it('stops: drops what cannot be stored and resolves waiters', async () => {
		const { store } = fakeStore(Number.POSITIVE_INFINITY);
		const onStored = vi.fn();
		const { log, append } = makeLog(store, { onStored });
		append(1);
		const flushed = log.flushed();
		log.stop();
		await flushed;
		expect(log.idle).toBe(true);
		expect(onStored).not.toHaveBeenCalled();
	});
});

describe('UpdateLog with the embedded database journal', () => {
	const journalDir = () => tempDir('croisee-journal-');
	/** The fake store, whose database commits wait for `release()` while `held`. */
	function heldStore() {
		const fake = fakeStore(0, 41);
		let held = true;
		let waiting: Array<() => void> = [];
		const store: LogStore = {
			...fake.store,
			insertUpdatesAt: async (boardId, firstSeq, rows) => {
				if (held) await new Promise<void>((resolve) => waiting.push(resolve));
				await fake.store.insertUpdatesAt(boardId, firstSeq, rows);
			}
		};
		const release = () => {
			held = false;
			for (const resolve of waiting) resolve();
			waiting = [];
		};
		return { ...fake, store, release };
	}

	it('hands a batch over once journaled, numbered after the loaded head, before its database commit', async () => {
		const dir = journalDir();
		const journal = new LogJournal(dir);
		const { store, inserts, release } = heldStore();
		const stored: number[][] = [];
		const { log, append } = makeLog(store, {
			lastSeq: 41,
			journal,
			onStored: (entries) => stored.push(entries.map((entry) => entry.seq))
		});
		append(1);
		append(2);
		await vi.waitFor(() => expect(stored).toEqual([[42, 43]]));
		expect(inserts).toHaveLength(0);
		expect(log.idle).toBe(false);
		expect(journal.outstanding).toBe(1);
		expect(fs.readdirSync(dir)).toHaveLength(1);

		release();
		await log.flushed();
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[42, 43]]);
		expect(journal.outstanding).toBe(0);
		journal.close();
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it('gathers journaled batches into one database commit, at once when someone waits for it', async () => {
		const journal = new LogJournal(journalDir());
		const { store, inserts } = fakeStore();
		const stored: number[][] = [];
		const { log, append } = makeLog(store, {
			journal,
			onStored: (entries) => stored.push(entries.map((entry) => entry.seq))
		});
		for (const byte of [1, 2, 3]) {
			append(byte);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		expect(stored).toEqual([[1], [2], [3]]);
		expect(inserts).toHaveLength(0);
		const asked = performance.now();
		await log.flushed();
		expect(performance.now() - asked).toBeLessThan(JOURNAL_COMMIT_DELAY_MS / 2);
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[1, 2, 3]]);

		append(4);
		await vi.waitFor(() => expect(inserts).toHaveLength(2), { timeout: 2000 });
		expect(inserts[1]?.map((row) => row.seq)).toEqual([4]);
		journal.close();
	});

	it('broadcasts a batch the journal cannot take only once it is in the database, and nothing after it before', async () => {
		const failing = new LogJournal(journalDir());
		failing.append = () => {
			throw new Error('no space left on device');
		};
		const { store, inserts, release } = heldStore();
		const stored: number[][] = [];
		const { log, append } = makeLog(store, {
			journal: failing,
			onStored: (entries) => stored.push(entries.map((entry) => entry.seq))
		});
		append(1);
		await vi.waitFor(() => expect(log.idle).toBe(false));
		await new Promise((resolve) => setTimeout(resolve, 20));
		append(2);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(stored).toEqual([]);
		release();
		await log.flushed();
		expect(stored).toEqual([[1], [2]]);
		expect(inserts.map((rows) => rows.map((row) => row.seq))).toEqual([[1], [2]]);
	});

	it('paces deliveries: after one that took 40 ms, the next batch gathers for as long', async () => {
		const journal = new LogJournal(journalDir());
		const { store } = fakeStore();
		const delivered: Array<{ seqs: number[]; at: number }> = [];
		const { log, append } = makeLog(store, {
			journal,
			onStored: (entries) => {
				delivered.push({ seqs: entries.map((entry) => entry.seq), at: performance.now() });
				if (delivered.length === 1) {
					const until = performance.now() + 40; // a delivery to a crowded board
					while (performance.now() < until);
				}
			}
		});
		append(1);
		await new Promise((resolve) => setImmediate(resolve)); // journaled and delivered
		expect(delivered).toHaveLength(1);
		const firstEnded = performance.now();
		append(2);
		await new Promise((resolve) => setTimeout(resolve, 5));
		append(3);
		await vi.waitFor(() => expect(delivered).toHaveLength(2));
		expect(delivered[1]?.seqs).toEqual([2, 3]);
		expect((delivered[1]?.at ?? 0) - firstEnded).toBeGreaterThanOrEqual(35);
		// A quick delivery sets no noticeable pace: the next lone update goes at once.
		await new Promise((resolve) => setTimeout(resolve, 50));
		const before = performance.now();
		append(4);
		await vi.waitFor(() => expect(delivered).toHaveLength(3));
		expect((delivered[2]?.at ?? 0) - before).toBeLessThan(30);
		await log.flushed();
		journal.close();
	});

	it('snapshots once the updates are in the database', async () => {
		const journal = new LogJournal(journalDir());
		const { store, snapshots, release } = heldStore();
		const { log, append } = makeLog(store, { journal, snapshotEveryUpdates: 2, lastSeq: 41 });
		append(1);
		append(2);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(snapshots).toEqual([]);
		release();
		await log.flushed();
		await vi.waitFor(() => expect(snapshots.map((snapshot) => snapshot.seq)).toEqual([43]));
		journal.close();
	});
});
