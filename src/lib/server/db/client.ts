import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite, types } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
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

/**
 * PostgreSQL settings of the embedded database, over PGlite's own. `shared_buffers` is 128 MB by
 * default, all of it inside PGlite's WebAssembly memory and touched as it fills: 16 MB keeps the
 * idle process about 130 MB smaller. Reads past it come from the operating system's file cache
 * (PGlite stores its pages as ordinary files), so a workshop's working set still reads fast.
 */
export const PGLITE_START_PARAMS: readonly string[] = [
	...PGlite.defaultStartParams,
	'-c',
	'shared_buffers=16MB'
];

/** Runs in a child process: creates a PGlite data directory (initdb) in `argv[2]` and closes it. */
const INITDB_CHILD = `
const { PGlite } = await import(process.argv[1]);
const pglite = new PGlite(process.argv[2]);
await pglite.waitReady;
await pglite.close();
`;

/** Runs PGlite's initdb into `dataDir` in a child process. */
function initdbInChild(dataDir: string): Promise<void> {
	const pgliteUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
	const args = ['--input-type=module', '-e', INITDB_CHILD, pgliteUrl.href, dataDir];
	return new Promise<void>((resolve, reject) => {
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (code === 0) resolve();
			else reject(new Error(`initdb failed (${signal ?? code}): ${stderr.trim()}`));
		});
	});
}

/**
 * Creates the PGlite data directory `dataDir` when it does not exist yet: a copy of `template`
 * (an empty data directory made at build time) when there is one, else initdb in a child process.
 * In this process, initdb would run a second PostgreSQL in its own WebAssembly memory, which the
 * process keeps (about 450 MB of RSS) for as long as it runs. Either way the new folder is made
 * beside `dataDir` and renamed, so a start interrupted here leaves no half-made database behind.
 */
async function createDataDir(dataDir: string, template: string | undefined): Promise<void> {
	if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
	if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) return; // PGlite decides
	const next = `${dataDir}.init-${process.pid}`;
	fs.rmSync(next, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(dataDir), { recursive: true });
	try {
		if (template && fs.existsSync(path.join(template, 'PG_VERSION'))) {
			fs.cpSync(template, next, { recursive: true });
		} else {
			await initdbInChild(next);
		}
		fs.rmSync(dataDir, { recursive: true, force: true }); // an empty folder, if any
		fs.renameSync(next, dataDir);
	} finally {
		fs.rmSync(next, { recursive: true, force: true });
	}
}

/** Opens the database named by `target`. A PGlite data directory is created when missing. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
	if ('url' in target) {
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
		const thread = await PGliteThread.open(target.dataDir, PGLITE_START_PARAMS);
		return embeddedHandle(thread, target.dataDir);
	}
	const { pglite } = target;
	await pglite.waitReady;
	useNativeByteaCodec(pglite);
	return embeddedHandle(pglite, null);
}

/** The handle of an open embedded database (`embeddedDir`: the data directory it owns, if any). */
function embeddedHandle(client: PGlite | PGliteThread, embeddedDir: string | null): DatabaseHandle {
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
