import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { MIGRATIONS_DIR } from '../../server/database.ts';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';

/** The database drivers every database test runs on: PGlite always, PostgreSQL when configured. */
export const DRIVERS: ReadonlyArray<'pglite' | 'postgres'> = process.env.DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

let template: Promise<PGlite> | null = null;

/** A migrated in-memory PGlite, made once per worker and cloned for each test (~0.5 s vs 2-7 s). */
async function clonePglite(): Promise<PGlite> {
	template ??= (async () => {
		const pglite = new PGlite();
		const handle = await openDatabase({ pglite });
		await handle.migrate(MIGRATIONS_DIR);
		return pglite;
	})();
	return (await (await template).clone()) as PGlite;
}

/** A fresh PostgreSQL database on the `DATABASE_URL` server, dropped by `drop()`. */
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const adminUrl = process.env.DATABASE_URL;
	if (!adminUrl) throw new Error('DATABASE_URL is not set');
	const name = `croisee_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}

/** A test database: a handle factory (call it again after a close to "restart") and a cleanup. */
export interface TestDatabase {
	driver: 'pglite' | 'postgres';
	/** Opens (or reopens) the same database. */
	open(): Promise<DatabaseHandle>;
	/** Removes the database for good. */
	destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test. For PGlite, reopening after close keeps the data by
 * dumping the closed instance; for PostgreSQL, a new connection to the same database.
 */
export async function createTestDatabase(driver: 'pglite' | 'postgres'): Promise<TestDatabase> {
	if (driver === 'postgres') {
		const pg = await createPostgresDatabase();
		return { driver, open: () => openDatabase({ url: pg.url }), destroy: pg.drop };
	}
	let pglite: PGlite = await clonePglite();
	let dump: Blob | null = null;
	return {
		driver,
		open: async () => {
			if (pglite.closed && dump) pglite = new PGlite({ loadDataDir: dump });
			const handle = await openDatabase({ pglite });
			const current = pglite;
			return {
				...handle,
				close: async () => {
					dump = await current.dumpDataDir('none');
					await current.close();
				}
			};
		},
		destroy: async () => {
			if (!pglite.closed) await pglite.close();
		}
	};
}
