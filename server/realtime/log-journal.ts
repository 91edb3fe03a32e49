import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { UnnumberedUpdate } from '../../src/lib/server/history/store.ts';

/**
 * The embedded database's journal: on PGlite an accepted batch of updates is numbered in memory
 * (one process owns the database, so nobody else numbers), appended to a journal file in one
 * `write` and broadcast; the database commit follows off the edit's path, and releases the
 * journal's records. PGlite runs with `fsync` off (`-F`, its default): its commits reach the
 * operating system's file cache, which outlives a crash of the process but not of the machine. A
 * journal write reaches that same cache, so broadcasting after it keeps "stored before broadcast"
 * with the same guarantee, while a lone edit no longer waits for PGlite's commit (about 2 ms on an
 * otherwise idle core, see docs/BENCHMARKS.md). At the next start, before any board loads,
 * `replayJournal` stores whatever the database lacks.
 *
 * Files: `journal-<n>.log` in the journal folder, written in turn; a file is deleted once every
 * record in it is in the database. A record: payload length (u32 LE), CRC-32 of the payload (u32
 * LE), payload (lib0 encoding): board id, first seq, row count, then per row its time (ms),
 * author, category, update and the client ids it binds. A record cut short or failing its CRC ends
 * its file's replay: it was never acknowledged (broadcast happens after the write returns).
 */

/** Size from which the file being written is set aside for a new one, in bytes. */
export const JOURNAL_ROTATE_BYTES = 4 * 1024 * 1024;
const HEADER_BYTES = 8;
const FILE_PATTERN = /^journal-(\d+)\.log$/;

/** A journaled batch: what `LogJournal.release` needs once it is in the database. */
export interface JournalMark {
	readonly file: number;
}

/** One journaled batch, as replayed. */
export interface JournalRecord {
	boardId: string;
	firstSeq: number;
	rows: UnnumberedUpdate[];
}

interface JournalFile {
	number: number;
	fd: number | null;
	bytes: number;
	/** Records written and not released yet. */
	outstanding: number;
}

/** Encodes one batch as a journal record (header and payload). */
export function encodeJournalRecord(record: JournalRecord): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, record.boardId);
	encoding.writeVarUint(encoder, record.firstSeq);
	encoding.writeVarUint(encoder, record.rows.length);
	for (const row of record.rows) {
		encoding.writeFloat64(encoder, row.at.getTime());
		writeOptionalString(encoder, row.authorId);
		writeOptionalString(encoder, row.category);
		encoding.writeVarUint8Array(encoder, row.update);
		const binds = row.bindsClients ?? [];
		encoding.writeVarUint(encoder, binds.length);
		for (const clientId of binds) encoding.writeVarUint(encoder, clientId);
	}
	const payload = encoding.toUint8Array(encoder);
	const bytes = new Uint8Array(HEADER_BYTES + payload.byteLength);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, payload.byteLength, true);
	view.setUint32(4, crc32(payload), true);
	bytes.set(payload, HEADER_BYTES);
	return bytes;
}

/**
 * Decodes the records of one journal file, in order, up to the end or the first record cut short
 * or corrupt (`torn` then says so).
 */
export function decodeJournalFile(bytes: Uint8Array): { records: JournalRecord[]; torn: boolean } {
	const records: JournalRecord[] = [];
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let offset = 0;
	while (offset < bytes.byteLength) {
		if (bytes.byteLength - offset < HEADER_BYTES) return { records, torn: true };
		const length = view.getUint32(offset, true);
		const checksum = view.getUint32(offset + 4, true);
		const start = offset + HEADER_BYTES;
		if (length > bytes.byteLength - start) return { records, torn: true };
		const payload = bytes.subarray(start, start + length);
		if (crc32(payload) !== checksum) return { records, torn: true };
		try {
			records.push(decodePayload(payload));
		} catch {
			return { records, torn: true };
		}
		offset = start + length;
	}
	return { records, torn: false };
}

function decodePayload(payload: Uint8Array): JournalRecord {
	const decoder = decoding.createDecoder(payload);
	const boardId = decoding.readVarString(decoder);
	const firstSeq = decoding.readVarUint(decoder);
	const count = decoding.readVarUint(decoder);
	const rows: UnnumberedUpdate[] = [];
	for (let i = 0; i < count; i++) {
		const at = new Date(decoding.readFloat64(decoder));
		const authorId = readOptionalString(decoder);
		const category = readOptionalString(decoder);
		const update = decoding.readVarUint8Array(decoder);
		const bindCount = decoding.readVarUint(decoder);
		const bindsClients: number[] = [];
		for (let j = 0; j < bindCount; j++) bindsClients.push(decoding.readVarUint(decoder));
		rows.push({ at, authorId, category, update, bindsClients });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes in a journal record');
	return { boardId, firstSeq, rows };
}

function writeOptionalString(encoder: encoding.Encoder, value: string | null): void {
	encoding.writeUint8(encoder, value === null ? 0 : 1);
	if (value !== null) encoding.writeVarString(encoder, value);
}

function readOptionalString(decoder: decoding.Decoder): string | null {
	return decoding.readUint8(decoder) === 0 ? null : decoding.readVarString(decoder);
}

/** The journal files in `dir`, oldest first. */
function journalFiles(dir: string): Array<{ number: number; file: string }> {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.map((name) => ({ name, match: FILE_PATTERN.exec(name) }))
		.filter((entry) => entry.match !== null)
		.map((entry) => ({ number: Number(entry.match?.[1]), file: path.join(dir, entry.name) }))
		.sort((a, b) => a.number - b.number);
}

/**
 * Stores in the database every journaled row it lacks, oldest file first, then deletes the files.
 * `storedHead(boardId)` gives the seq up to which a board is stored (`null`: the board no longer
 * exists, its rows are dropped); `store` writes rows numbered from a seq. Runs at start-up, before
 * any board loads. Returns how many rows it stored.
 */
export async function replayJournal(input: {
	dir: string;
	storedHead(boardId: string): Promise<number | null>;
	store(boardId: string, firstSeq: number, rows: readonly UnnumberedUpdate[]): Promise<void>;
	log: Logger;
}): Promise<number> {
	const files = journalFiles(input.dir);
	const heads = new Map<string, number | null>();
	let stored = 0;
	for (const { file } of files) {
		const { records, torn } = decodeJournalFile(fs.readFileSync(file));
		if (torn)
			input.log.warn({ file }, 'journal: a record cut short ends this file (never acknowledged)');
		for (const record of records) {
			if (!heads.has(record.boardId)) {
				heads.set(record.boardId, await input.storedHead(record.boardId));
			}
			const head = heads.get(record.boardId);
			if (head === null || head === undefined) continue;
			const skip = Math.max(0, head - record.firstSeq + 1);
			if (skip >= record.rows.length) continue;
			const firstSeq = record.firstSeq + skip;
			if (firstSeq !== head + 1) {
				throw new Error(
					`journal: board ${record.boardId} is stored up to seq ${head} but its next journaled row is ${firstSeq}`
				);
			}
			const rows = record.rows.slice(skip);
			await input.store(record.boardId, firstSeq, rows);
			heads.set(record.boardId, firstSeq + rows.length - 1);
			stored += rows.length;
		}
	}
	for (const { file } of files) fs.rmSync(file, { force: true });
	if (stored > 0) input.log.warn({ rows: stored }, 'journal: stored updates the database lacked');
	return stored;
}

/** The journal being written (see the module's comment). Synchronous: one `write` per batch. */
export class LogJournal {
	readonly #dir: string;
	readonly #rotateBytes: number;
	readonly #files = new Map<number, JournalFile>();
	#current: JournalFile | null = null;
	#nextNumber: number;

	constructor(dir: string, options: { rotateBytes?: number } = {}) {
		this.#dir = dir;
		this.#rotateBytes = options.rotateBytes ?? JOURNAL_ROTATE_BYTES;
		fs.mkdirSync(dir, { recursive: true });
		const existing = journalFiles(dir);
		if (existing.length > 0) {
			throw new Error(`journal: ${existing.length} file(s) in ${dir} not replayed yet`);
		}
		this.#nextNumber = 1;
	}

	/**
	 * Appends a batch numbered from `firstSeq`; when this returns, the batch is as durable as a
	 * PGlite commit. Throws when the file cannot be written (nothing is then acknowledged).
	 */
	append(boardId: string, firstSeq: number, rows: readonly UnnumberedUpdate[]): JournalMark {
		const record = encodeJournalRecord({ boardId, firstSeq, rows: [...rows] });
		const file = this.#open();
		let written = 0;
		try {
			while (written < record.byteLength) {
				written += fs.writeSync(file.fd as number, record, written);
			}
		} catch (error) {
			// A partial record fails its CRC at replay; later ones go to a new file.
			if (written > 0) this.#setAside(file);
			throw error;
		}
		file.bytes += record.byteLength;
		file.outstanding++;
		return { file: file.number };
	}

	/** The batch of `mark` is in the database: its file goes once all its batches are. */
	release(mark: JournalMark): void {
		const file = this.#files.get(mark.file);
		if (!file) return;
		file.outstanding--;
		if (file === this.#current && file.bytes >= this.#rotateBytes) this.#setAside(file);
		if (file !== this.#current && file.outstanding <= 0) this.#delete(file);
	}

	/** Batches journaled and not yet in the database. */
	get outstanding(): number {
		let total = 0;
		for (const file of this.#files.values()) total += file.outstanding;
		return total;
	}

	/** Closes the file; deletes every file whose batches are all in the database. */
	close(): void {
		if (this.#current) this.#setAside(this.#current);
		for (const file of [...this.#files.values()]) if (file.outstanding <= 0) this.#delete(file);
	}

	#open(): JournalFile {
		if (this.#current) return this.#current;
		const number = this.#nextNumber++;
		const fd = fs.openSync(this.#path(number), 'a');
		const file: JournalFile = { number, fd, bytes: 0, outstanding: 0 };
		this.#files.set(number, file);
		this.#current = file;
		return file;
	}

	#setAside(file: JournalFile): void {
		if (this.#current === file) this.#current = null;
		if (file.fd !== null) fs.closeSync(file.fd);
		file.fd = null;
		if (file.outstanding <= 0) this.#delete(file);
	}

	#delete(file: JournalFile): void {
		if (file.fd !== null) fs.closeSync(file.fd);
		file.fd = null;
		this.#files.delete(file.number);
		fs.rmSync(this.#path(file.number), { force: true });
	}

	#path(number: number): string {
		return path.join(this.#dir, `journal-${String(number).padStart(8, '0')}.log`);
	}
}
