import path from 'node:path';

/** Runtime configuration, read once from the environment. See the README for each variable. */
export interface Config {
	/** TCP port the HTTP server listens on. */
	port: number;
	/** Interface to bind. */
	host: string;
	/** Public origin (scheme://host[:port]) used to check websocket `Origin` and build join links. */
	origin: string | null;
	/** Directory of the embedded PGlite database, used when `databaseUrl` is null. */
	dataDir: string;
	/**
	 * Secret sealing invitation codes (any string; ≥ 32 characters advised). When unset, a random one
	 * is generated into `<dataDir>/secret.key` on first start. Set the same value on every instance.
	 */
	secret: string | null;
	/** PostgreSQL connection string; null selects embedded PGlite. */
	databaseUrl: string | null;
	/** Largest websocket message accepted, in bytes. */
	maxMessageBytes: number;
	/** Lifetime of a session, in milliseconds (sliding). */
	sessionTtlMs: number;
	/** Lifetime of a websocket ticket, in milliseconds. */
	ticketTtlMs: number;
	/** Delay during which accepted updates are grouped into one database commit, in milliseconds. */
	logBatchMs: number;
	/** A snapshot is written after this many logged updates. */
	snapshotEveryUpdates: number;
	/** A board without connections is unloaded after this delay, in milliseconds. */
	idleBoardUnloadMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	}
	return value;
}

/** Builds the configuration from an environment (defaults documented in the README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : null;
	return {
		port: intFrom(env, 'PORT', 3000),
		host: env.HOST || '0.0.0.0',
		origin,
		dataDir: path.resolve(env.DATA_DIR || './data'),
		secret: env.SECRET || null,
		databaseUrl: env.DATABASE_URL || null,
		maxMessageBytes: intFrom(env, 'MAX_MESSAGE_BYTES', 1024 * 1024),
		sessionTtlMs: intFrom(env, 'SESSION_TTL_DAYS', 30) * DAY_MS,
		ticketTtlMs: intFrom(env, 'TICKET_TTL_SECONDS', 600) * 1000,
		logBatchMs: intFrom(env, 'LOG_BATCH_MS', 2),
		snapshotEveryUpdates: intFrom(env, 'SNAPSHOT_EVERY_UPDATES', 500),
		idleBoardUnloadMs: intFrom(env, 'IDLE_BOARD_UNLOAD_SECONDS', 60) * 1000
	};
}
