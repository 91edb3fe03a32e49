import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { loadConfig, type Config } from '../src/lib/server/config.ts';
import { setAppContext } from '../src/lib/server/context.ts';
import { setDisplayTimeZone } from '../src/lib/i18n/format.ts';
import type { DatabaseHandle } from '../src/lib/server/db/client.ts';
import { insertUpdatesAt, storedHeadSeq } from '../src/lib/server/history/store.ts';
import { LoginThrottle } from '../src/lib/server/login-throttle.ts';
import { loadSealKey } from '../src/lib/server/seal.ts';
import { importBuiltHandler } from './built-handler.ts';
import { MIGRATIONS_DIR, openConfiguredDatabase, reasonOf, StartupError } from './database.ts';
import { log } from './log.ts';
import { serveMetrics, trackRequest } from './observability.ts';
import { attachRealtime, type Realtime } from './realtime/index.ts';
import { LogJournal, replayJournal } from './realtime/log-journal.ts';
import { startRetentionSweep } from './retention-sweep.ts';
import { closeAfterUnreadBody } from './unread-body.ts';

/** A Node `(req, res)` handler, such as adapter-node's `build/handler.js`. */
export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Folder of the embedded database's journal inside `DATA_DIR` (`server/realtime/log-journal.ts`). */
export const JOURNAL_SUBDIR = 'journal';

/**
 * On the embedded database this process opened from `DATA_DIR`, stores what the journal holds
 * beyond the database (a crash after broadcasting, before committing) and opens a new journal;
 * null on PostgreSQL (shared by instances, it numbers updates itself) or a database handed in.
 * Needs the app context (the database).
 */
async function openLogJournal(
	config: Config,
	database: DatabaseHandle
): Promise<LogJournal | null> {
	if (database.driver !== 'pglite' || !database.embeddedDir) return null;
	const dir = path.join(config.dataDir, JOURNAL_SUBDIR);
	try {
		await replayJournal({
			dir,
			storedHead: storedHeadSeq,
			store: insertUpdatesAt,
			log: log.child({ component: 'journal' })
		});
		return new LogJournal(dir);
	} catch (error) {
		throw new StartupError(`cannot replay the journal in ${dir}: ${reasonOf(error)}`, {
			cause: error
		});
	}
}

/**
 * Makes the database, keys and realtime layer available to the SvelteKit code of this process,
 * after storing what the embedded database's journal holds. Returns the realtime layer attached to
 * `httpServer`.
 */
export async function installServices(input: {
	config: Config;
	database: DatabaseHandle;
	httpServer: http.Server;
	/** In production unknown upgrade paths are destroyed; in dev Vite's HMR socket needs them. */
	destroyUnknownUpgrades: boolean;
}): Promise<Realtime> {
	const { config, database, httpServer } = input;
	const context = {
		config,
		db: database.db,
		sealKey: loadSealKey(config),
		loginThrottle: new LoginThrottle(),
		realtime: null
	};
	setAppContext(context);
	setDisplayTimeZone(config.displayTimeZone);
	const journal = await openLogJournal(config, database);
	const realtime = await attachRealtime({
		httpServer,
		config,
		destroyUnknownUpgrades: input.destroyUnknownUpgrades,
		journal
	});
	setAppContext({ ...context, realtime });
	return realtime;
}

/** A started Croisée server. */
export interface RunningServer {
	/** Base URL, e.g. `http://127.0.0.1:3000`. */
	url: string;
	port: number;
	httpServer: http.Server;
	realtime: Realtime;
	/** Stops accepting, flushes the update log, closes sockets and the database. */
	close(): Promise<void>;
}

/**
 * Header through which the server tells SvelteKit the connection's real protocol. adapter-node
 * assumes `https` unless `ORIGIN` or `PROTOCOL_HEADER` is set, which would give plain-http installs
 * https join links and Secure cookies. The value is always overwritten, so clients cannot forge it.
 */
const OWN_PROTOCOL_HEADER = 'x-croisee-connection-protocol';

/** Sets the connection's protocol on `req` when the server, not a proxy, is the source of truth. */
function stampProtocol(req: http.IncomingMessage): void {
	if (process.env.PROTOCOL_HEADER !== OWN_PROTOCOL_HEADER) return;
	req.headers[OWN_PROTOCOL_HEADER] = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
}

/** Room above `MAX_UPLOAD_BYTES` in adapter-node's body limit, in bytes. */
const UPLOAD_BODY_MARGIN_BYTES = 64 * 1024;

/** Loads adapter-node's request handler from the production build. */
export async function loadBuiltHandler(): Promise<NodeHandler> {
	// Read by adapter-node when its module loads, hence before the import.
	if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
		process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
	}
	// adapter-node refuses bodies over 512 KB by default: let image uploads through (the upload
	// route enforces MAX_UPLOAD_BYTES itself).
	process.env.BODY_SIZE_LIMIT ??= String(loadConfig().maxUploadBytes + UPLOAD_BODY_MARGIN_BYTES);
	try {
		return (await importBuiltHandler()).handler;
	} catch (error) {
		throw new Error(
			`Cannot load build/handler.js (run \`npm run build\` first): ${String(error)}`,
			{
				cause: error
			}
		);
	}
}

/**
 * Starts the whole server: database (migrated), SvelteKit handler, Yjs and socket.io endpoints.
 * Tests pass an already open `database` and `port: 0`.
 */
export async function startServer(input: {
	config: Config;
	/** An open database the caller owns (tests): migrated here, closed by the caller. */
	database?: DatabaseHandle;
	/** The configured database being opened (`openConfiguredDatabase`), owned by the server. */
	opening?: Promise<DatabaseHandle>;
	handler?: NodeHandler;
}): Promise<RunningServer> {
	const { config } = input;
	// The embedded database opens on its own thread while this one loads the SvelteKit handler.
	const [opened, loaded] = await Promise.allSettled([
		input.database ?? input.opening ?? openConfiguredDatabase(config),
		input.handler ?? loadBuiltHandler()
	]);
	if (opened.status === 'rejected') throw opened.reason;
	const database = opened.value;
	if (loaded.status === 'rejected') {
		if (!input.database) await database.close();
		throw loaded.reason;
	}
	const handler = loaded.value;
	if (input.database) await database.migrate(MIGRATIONS_DIR);
	const httpServer = http.createServer((req, res) => {
		stampProtocol(req);
		trackRequest(req, res);
		closeAfterUnreadBody(req, res);
		if (serveMetrics(req, res, config)) return;
		handler(req, res);
	});
	const realtime = await installServices({
		config,
		database,
		httpServer,
		destroyUnknownUpgrades: true
	});
	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(config.port, config.host, () => resolve());
	});
	const { port } = httpServer.address() as AddressInfo;
	const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
	log.info({ port, driver: database.driver }, 'Croisée listening');
	const retention = startRetentionSweep({ periodMs: config.retentionSweepMs });
	let closing: Promise<void> | null = null;
	return {
		url: `http://${host}:${port}`,
		port,
		httpServer,
		realtime,
		close: () =>
			(closing ??= (async () => {
				const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
				await retention.stop();
				await realtime.close();
				httpServer.closeAllConnections();
				await stopped;
				setAppContext(null);
				await database.close();
			})())
	};
}
