import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/lib/server/config.ts';
import type { DatabaseHandle } from '../src/lib/server/db/client.ts';
import { createDataDir } from '../src/lib/server/db/data-dir.ts';
import { PGliteThread } from '../src/lib/server/db/pglite-thread.ts';

/**
 * Opening the configured database at start-up. Kept apart from `app.ts` so that the production
 * entry (`server/index.ts`) can start the embedded database's thread before it loads the rest of
 * the server: on a later start PGlite's own start is most of the time to healthy.
 */

/** Folder of the drizzle-kit migrations, applied at start-up. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../drizzle', import.meta.url));

/** An empty, migrated PGlite data directory made by `scripts/build.js`, copied by a first start. */
const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('../build/pglite-template', import.meta.url));

/** Folder of the embedded PGlite database inside `DATA_DIR` (beside `secret.key` and files). */
export const PGLITE_SUBDIR = 'pglite';

/** The server cannot start; the message is one line saying why (printed by `server/index.ts`). */
export class StartupError extends Error {
	override name = 'StartupError';
}

/** The first line of an error's message. */
export function reasonOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n')[0]?.trim() || 'unknown error';
}

/** Creates `DATA_DIR` if needed and proves it writable (read-only or full disks fail here). */
function prepareDataDir(dataDir: string): void {
	try {
		fs.mkdirSync(dataDir, { recursive: true });
		const probe = path.join(dataDir, `.write-test-${process.pid}`);
		fs.writeFileSync(probe, 'croisee');
		fs.rmSync(probe);
	} catch (error) {
		throw new StartupError(`DATA_DIR ${dataDir} is not writable: ${reasonOf(error)}`, {
			cause: error
		});
	}
}

/** Applies the migrations of `folder`; a failure becomes a one-line `StartupError`. */
async function migrateOrRefuse(database: DatabaseHandle, folder: string): Promise<void> {
	try {
		await database.migrate(folder);
	} catch (error) {
		const cause = error instanceof Error && error.cause ? `: ${reasonOf(error.cause)}` : '';
		throw new StartupError(`database migration failed (${folder}): ${reasonOf(error)}${cause}`, {
			cause: error
		});
	}
}

/** Drizzle and the database drivers, loaded once the embedded database's thread is starting. */
const loadClient = () => import('../src/lib/server/db/client.ts');

/**
 * Opens the embedded database in `dataDir` (created from the build's template when missing). Its
 * thread starts PGlite before Drizzle is even loaded here: the two overlap on a second core.
 */
async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
	await createDataDir(dataDir, PGLITE_TEMPLATE_DIR);
	const thread = PGliteThread.open(dataDir);
	thread.catch(() => {}); // awaited below, after the import
	let client: Awaited<ReturnType<typeof loadClient>>;
	try {
		client = await loadClient();
	} catch (error) {
		await thread.then((opened) => opened.close()).catch(() => {});
		throw error;
	}
	return client.embeddedDatabase(await thread, dataDir);
}

/**
 * Opens the configured database (PGlite in `dataDir`, or PostgreSQL) and migrates it (migrations
 * from `config.migrationsDir`, else `MIGRATIONS_DIR`). Throws a `StartupError` when `DATA_DIR` is
 * not writable, the database cannot be opened or a migration fails.
 */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
	prepareDataDir(config.dataDir);
	let database: DatabaseHandle;
	try {
		const { databaseUrl } = config;
		database = databaseUrl
			? await (await loadClient()).openDatabase({ url: databaseUrl })
			: await openEmbedded(path.join(config.dataDir, PGLITE_SUBDIR));
	} catch (error) {
		throw new StartupError(`cannot open the database: ${reasonOf(error)}`, { cause: error });
	}
	await migrateOrRefuse(database, config.migrationsDir ?? MIGRATIONS_DIR);
	return database;
}
