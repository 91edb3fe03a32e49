import { PGlite, types } from '@electric-sql/pglite';
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

/**
 * PGlite passes parameters and results as text, and its stock `bytea` codec converts every byte
 * with its own string (`Array.from(bytes).map(toString(16))`): for the update log, where every
 * row is a `bytea`, that serialisation and the garbage it makes cost as much as the database
 * itself. These use Node's native hex codec instead (same text format, same values).
 */
function useNativeByteaCodec(pglite: PGlite): void {
	pglite.serializers[types.BYTEA] = (value: unknown) => {
		if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
		return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
	};
	pglite.parsers[types.BYTEA] = (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

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
	useNativeByteaCodec(pglite);
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
