import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';

/** The Drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with the means to migrate and close it. */
export interface DatabaseHandle {
	db: Database;
	driver: 'pglite' | 'postgres';
	/** Applies the migrations found in `folder` (drizzle-kit output). */
	migrate(folder: string): Promise<void>;
	close(): Promise<void>;
}

/** Where to find the data: a PostgreSQL URL, a PGlite data directory, or an open PGlite instance. */
export type DatabaseTarget = { url: string } | { dataDir: string } | { pglite: PGlite };

/** Opens the database named by `target`. A PGlite data directory is created when missing. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
	if ('url' in target) {
		const client = postgres(target.url, { max: 10, onnotice: () => {} });
		const db = drizzlePostgres(client, { schema }) as unknown as Database;
		return {
			db,
			driver: 'postgres',
			migrate: async (folder) => {
				await migratePostgres(db as never, { migrationsFolder: folder });
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	const pglite = 'pglite' in target ? target.pglite : new PGlite(target.dataDir);
	await pglite.waitReady;
	const db = drizzlePglite(pglite, { schema }) as unknown as Database;
	return {
		db,
		driver: 'pglite',
		migrate: async (folder) => {
			await migratePglite(db as never, { migrationsFolder: folder });
		},
		close: () => pglite.close()
	};
}
