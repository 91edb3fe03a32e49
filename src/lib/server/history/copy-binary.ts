/**
 * PostgreSQL's binary `COPY` format for `board_updates` rows, so that PGlite stores a batch of
 * updates from one buffer (`COPY … FROM '/dev/blob'`) instead of turning every `bytea` into a hex
 * text parameter and planning a statement with thousands of them (three times faster, see
 * docs/BENCHMARKS.md). Format: https://www.postgresql.org/docs/current/sql-copy.html (binary).
 */

/** The `board_updates` columns, in the order `encodeUpdateRows` writes them. */
export const COPY_UPDATE_COLUMNS = 'board_id, seq, at, author_id, category, update';

/** A row as written: its seq is already given. */
export interface CopyUpdateRow {
	seq: number;
	at: Date;
	authorId: string | null;
	category: string | null;
	update: Uint8Array;
}

/** "PGCOPY\n\377\r\n\0", then flags and header extension length (both 0). */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 4 + 4;
const FIELDS_PER_ROW = 6;
/** A row's fixed part: field count, six lengths, the int4 seq and the int8 timestamp. */
const ROW_FIXED_BYTES = 2 + FIELDS_PER_ROW * 4 + 4 + 8;
/** PostgreSQL timestamps count microseconds from 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

const encoder = new TextEncoder();

/** Encodes `rows` of board `boardId` as one binary COPY stream (header, rows, trailer). */
export function encodeUpdateRows(
	boardId: string,
	rows: readonly CopyUpdateRow[]
): Uint8Array<ArrayBuffer> {
	const board = encoder.encode(boardId);
	const texts = rows.map((row) => ({
		author: row.authorId === null ? null : encoder.encode(row.authorId),
		category: row.category === null ? null : encoder.encode(row.category)
	}));
	let size = HEADER_BYTES + 2;
	rows.forEach((row, i) => {
		const { author, category } = texts[i]!;
		size += ROW_FIXED_BYTES + board.length + row.update.length;
		size += (author?.length ?? 0) + (category?.length ?? 0);
	});
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	out.set(SIGNATURE, 0);
	let offset = HEADER_BYTES; // flags and extension length stay 0
	const field = (bytes: Uint8Array | null) => {
		view.setInt32(offset, bytes === null ? -1 : bytes.length);
		offset += 4;
		if (bytes === null) return;
		out.set(bytes, offset);
		offset += bytes.length;
	};
	rows.forEach((row, i) => {
		const { author, category } = texts[i]!;
		view.setInt16(offset, FIELDS_PER_ROW);
		offset += 2;
		field(board);
		view.setInt32(offset, 4);
		view.setInt32(offset + 4, row.seq);
		view.setInt32(offset + 8, 8);
		view.setBigInt64(offset + 12, BigInt(row.at.getTime() - POSTGRES_EPOCH_MS) * 1000n);
		offset += 20;
		field(author);
		field(category);
		field(row.update);
	});
	view.setInt16(offset, -1);
	return out;
}
