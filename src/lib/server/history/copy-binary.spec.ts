import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { COPY_UPDATE_COLUMNS, encodeUpdateRows, type CopyUpdateRow } from './copy-binary.ts';

describe('encodeUpdateRows', () => {
	const pglite = new PGlite();
	afterAll(() => pglite.close());

	/** Copies `rows` into a table shaped like `board_updates` and reads them back in seq order. */
	async function roundTrip(boardId: string, rows: CopyUpdateRow[]) {
		await pglite.exec(`drop table if exists copied;
			create table copied (board_id text, seq integer, at timestamptz, author_id text,
				category text, update bytea)`);
		await pglite.query(
			`copy copied (${COPY_UPDATE_COLUMNS}) from '/dev/blob' with (format binary)`,
			[],
			{ blob: new Blob([encodeUpdateRows(boardId, rows)]) }
		);
		const result = await pglite.query<Record<string, unknown>>('select * from copied order by seq');
		return result.rows;
	}

	it('writes rows PostgreSQL reads back unchanged: text, nulls, seq, millisecond time, bytes', async () => {
		const rows: CopyUpdateRow[] = [
			{
				seq: 1,
				at: new Date('2026-11-27T09:15:30.123Z'),
				authorId: 'usr_é',
				category: 'élu',
				update: new Uint8Array([0, 1, 2, 255])
			},
			{
				seq: 2_000_000_000,
				at: new Date('1999-12-31T23:59:59.999Z'),
				authorId: null,
				category: null,
				update: new Uint8Array(70_000).map((_, i) => i % 251)
			}
		];
		const back = await roundTrip('board-✓', rows);
		expect(back).toHaveLength(2);
		rows.forEach((row, i) => {
			expect(back[i]).toEqual({
				board_id: 'board-✓',
				seq: row.seq,
				at: row.at,
				author_id: row.authorId,
				category: row.category,
				update: row.update
			});
		});
	});

	it('writes an empty stream PostgreSQL accepts as no rows', async () => {
		expect(await roundTrip('board', [])).toEqual([]);
	});
});
