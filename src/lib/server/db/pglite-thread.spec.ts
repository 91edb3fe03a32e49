import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir.ts';
import { openDatabase } from './client.ts';
import { PGliteThread } from './pglite-thread.ts';

async function openThread(): Promise<PGliteThread> {
	const thread = await PGliteThread.open(path.join(tempDir('croisee-thread-'), 'pglite'));
	onTestFinished(() => thread.close());
	return thread;
}

describe('PGliteThread: the embedded database on a worker thread', () => {
	// One data directory (its initdb takes seconds) for the tests that do not close it.
	let shared: PGliteThread;
	let sharedDir: { dir: string; remove(): void };
	beforeAll(async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-thread-'));
		sharedDir = { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
		shared = await PGliteThread.open(path.join(dir, 'pglite'));
	});
	afterAll(async () => {
		await shared.close();
		sharedDir.remove();
	});

	it('starts PostgreSQL with the embedded settings over PGlite’s own (16 MB of shared buffers)', async () => {
		const result = await shared.query<{ shared_buffers: string; search_path: string }>(
			'select current_setting($1) as shared_buffers, current_setting($2) as search_path',
			['shared_buffers', 'search_path']
		);
		expect(result.rows).toEqual([{ shared_buffers: '16MB', search_path: 'public' }]);
	});

	it('carries values both ways with their types: bytes, dates, JSON, numbers, nulls', async () => {
		const thread = shared;
		const bytes = new Uint8Array(300).map((_, i) => i % 256);
		const at = new Date('2026-12-05T10:00:00.000Z');
		const result = await thread.query<Record<string, unknown>>(
			`select $1::bytea as bytes, $2::timestamptz as at, $3::jsonb as doc, 42 as n, null::text as nothing`,
			[new Uint8Array(bytes.buffer, 0, 300), at.toISOString(), JSON.stringify({ a: [1, 'é'] })]
		);
		const [row] = result.rows;
		expect(row?.bytes).toEqual(bytes);
		expect(Object.getPrototypeOf(row?.bytes)).toBe(Uint8Array.prototype);
		expect(row?.at).toEqual(at);
		expect(row?.doc).toEqual({ a: [1, 'é'] });
		expect(row?.n).toBe(42);
		expect(row?.nothing).toBeNull();
	});

	it('runs the caller’s parsers on its own thread, in object and array row modes', async () => {
		const thread = shared;
		const parsers = {
			[types.INT4]: (text: string) => `int:${text}`,
			[types.TIMESTAMPTZ]: (t: string) => t
		};
		const query = `select 7 as n, '2026-12-05 10:00:00+00'::timestamptz as at, null::int4 as none`;
		const objects = await thread.query<Record<string, unknown>>(query, [], { parsers });
		expect(objects.rows).toEqual([{ n: 'int:7', at: '2026-12-05 10:00:00+00', none: null }]);
		const arrays = await thread.query<unknown[]>(query, [], { parsers, rowMode: 'array' });
		expect(arrays.rows).toEqual([['int:7', '2026-12-05 10:00:00+00', null]]);
	});

	it('reports PostgreSQL’s error with its code, and goes on answering', async () => {
		const thread = shared;
		await expect(thread.query('select 1 / 0')).rejects.toMatchObject({
			message: 'division by zero',
			code: '22012'
		});
		expect((await thread.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
	});

	it('refuses a parameter that cannot reach the thread, and goes on answering', async () => {
		const thread = shared;
		await expect(thread.query('select $1::text as v', [() => 'a function'])).rejects.toThrow(
			/could not be cloned/
		);
		expect((await thread.query<{ v: string }>('select $1::text as v', ['é'])).rows).toEqual([
			{ v: 'é' }
		]);
	});

	it('commits a transaction that returns, rolls back one that throws, and holds others meanwhile', async () => {
		const thread = shared;
		await thread.query('create table t (v int)');
		const order: string[] = [];
		const tx = thread.transaction(async (t) => {
			await t.query('insert into t values (1)');
			await new Promise((resolve) => setTimeout(resolve, 50));
			order.push('transaction');
			await t.query('insert into t values (2)');
		});
		const outside = thread.query<{ n: number }>('select count(*)::int as n from t').then((r) => {
			order.push('outside');
			return r.rows[0]?.n;
		});
		await tx;
		expect(await outside).toBe(2);
		expect(order).toEqual(['transaction', 'outside']);

		await expect(
			thread.transaction(async (t) => {
				await t.query('insert into t values (3)');
				throw new Error('changed my mind');
			})
		).rejects.toThrow('changed my mind');
		const rows = await thread.query<{ v: number }>('select v from t order by v');
		expect(rows.rows.map((row) => row.v)).toEqual([1, 2]);
	});

	it('copies rows from a binary blob inside a transaction', async () => {
		const thread = shared;
		await thread.query('create table c (v text)');
		await thread.query(`copy c from '/dev/blob'`, [], { blob: new Blob(['un\ndeux\n']) });
		const rows = await thread.query<{ v: string }>('select v from c order by v');
		expect(rows.rows.map((row) => row.v)).toEqual(['deux', 'un']);
	});

	it('leaves the server thread free while the database works', async () => {
		const thread = shared;
		let ticks = 0;
		const timer = setInterval(() => (ticks += 1), 5);
		try {
			const started = performance.now();
			await thread.query('select count(*) from generate_series(1, 4000000)');
			const tookMs = performance.now() - started;
			// On the server's own thread no timer could fire until the statement ended.
			expect(tookMs).toBeGreaterThan(50);
			expect(ticks).toBeGreaterThanOrEqual(Math.floor(tookMs / 5 / 4));
		} finally {
			clearInterval(timer);
		}
	});

	it('refuses statements once closed', async () => {
		const thread = await openThread();
		await thread.close();
		await expect(thread.query('select 1')).rejects.toThrow('the database is closed');
	});

	it('serves Drizzle through openDatabase on a data directory, migrations included', async () => {
		const handle = await openDatabase({ dataDir: path.join(tempDir('croisee-thread-'), 'db') });
		onTestFinished(() => handle.close());
		await handle.migrate(path.resolve('drizzle'));
		const result = await handle.db.execute(sql`select count(*)::int as n from users`);
		expect((result as unknown as { rows: { n: number }[] }).rows).toEqual([{ n: 0 }]);
	});
});
