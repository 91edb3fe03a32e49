import { PGlite, types } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { createDataDir } from './data-dir.ts';
import { PGliteThread, type ThreadTransaction } from './pglite-thread.ts';
import * as schema from './schema.ts';

/** The Drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * The embedded database's client: `PGlite` itself when the caller opened it (an in-memory test
 * database), else `PGliteThread`, PGlite on a worker thread (a data directory, as the server runs).
 */
export interface EmbeddedClient {
	transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T>;
}

/** The embedded database behind `db`, or null on PostgreSQL. */
export function embeddedClientOf(db: Database): EmbeddedClient | null {
	const client: unknown = (db as { $client?: unknown }).$client;
	return client instanceof PGlite || client instanceof PGliteThread ? client : null;
}

/** An open database with the means to migrate and close it. */
export interface DatabaseHandle {
	db: Database;
	driver: 'pglite' | 'postgres';
	/** The PGlite data directory this process opened (it alone writes there), else null. */
	embeddedDir: string | null;
	/** Applies the migrations found in `folder` (drizzle-kit output). */
	migrate(folder: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * Where to find the data: a PostgreSQL URL, a PGlite data directory (with, optionally, an empty
 * data directory to copy when it does not exist yet), or an open PGlite instance.
 */
export type DatabaseTarget =
	{ url: string } | { dataDir: string; template?: string } | { pglite: PGlite };

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
		// Loaded on demand: the embedded database, the default, never needs them.
		const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] =
			await Promise.all([
				import('postgres'),
				import('drizzle-orm/postgres-js'),
				import('drizzle-orm/postgres-js/migrator')
			]);
		const client = postgres(target.url, { max: 10, onnotice: () => {} });
		const db = drizzlePostgres(client, { schema }) as unknown as Database;
		return {
			db,
			driver: 'postgres',
			embeddedDir: null,
			migrate: async (folder) => {
				await migratePostgres(db as never, { migrationsFolder: folder });
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	if ('dataDir' in target) {
		await createDataDir(target.dataDir, target.template);
		return embeddedDatabase(await PGliteThread.open(target.dataDir), target.dataDir);
	}
	const { pglite } = target;
	await pglite.waitReady;
	useNativeByteaCodec(pglite);
	return embeddedDatabase(pglite, null);
}

/** The handle of an open embedded database (`embeddedDir`: the data directory it owns, if any). */
export function embeddedDatabase(
	client: PGlite | PGliteThread,
	embeddedDir: string | null
): DatabaseHandle {
	// Drizzle's PGlite driver calls `query` and `transaction`, which PGliteThread offers alike.
	const db = drizzlePglite(client as PGlite, { schema }) as unknown as Database;
	return {
		db,
		driver: 'pglite',
		embeddedDir,
		migrate: async (folder) => {
			await migratePglite(db as never, { migrationsFolder: folder });
		},
		close: () => client.close()
	};
}
