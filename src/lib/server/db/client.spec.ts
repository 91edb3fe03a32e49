import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

describe('openDatabase on PGlite', () => {
	const pglite = new PGlite();
	afterAll(() => pglite.close());

	it('passes bytea both ways as plain Uint8Arrays, every byte value kept', async () => {
		const { db } = await openDatabase({ pglite });
		const bytes = new Uint8Array(512).map((_, i) => i % 256);
		const view = new Uint8Array(bytes.buffer, 3, 100); // an offset view, as Yjs hands out
		const result = await db.execute(
			sql`select ${bytes}::bytea as whole, ${view}::bytea as part, ${new Uint8Array(0)}::bytea as empty`
		);
		const [row] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
		expect(row?.whole).toEqual(bytes);
		expect(row?.part).toEqual(bytes.slice(3, 103));
		expect(row?.empty).toEqual(new Uint8Array(0));
		expect(Object.getPrototypeOf(row?.whole)).toBe(Uint8Array.prototype);
	});

	it('refuses a value that is not bytes for a bytea parameter', async () => {
		await openDatabase({ pglite });
		const serialize = pglite.serializers[types.BYTEA];
		expect(() => serialize?.('not bytes')).toThrow('Invalid input for bytea type');
	});
});
