import path from 'node:path';
import { MAX_TEXT_CHARS } from '../board/limits.ts';
import { DEFAULT_DISPLAY_TIME_ZONE, isTimeZone } from '../i18n/format.ts';

/** Runtime configuration, read once from the environment. See the README for each variable. */
export interface Config {
	/** TCP port the HTTP server listens on. */
	port: number;
	/** Interface to bind. */
	host: string;
	/** Public origin (scheme://host[:port]) used to check websocket `Origin` and build join links. */
	origin: string | null;
	/** Data directory: the embedded PGlite database (`pglite/`, when `databaseUrl` is null) and `secret.key`. */
	dataDir: string;
	/** Folder of the drizzle-kit migrations to apply at start-up; null: the bundled `drizzle/`. */
	migrationsDir: string | null;
	/**
	 * Secret sealing invitation codes (any string; ≥ 32 characters advised). When unset, a random one
	 * is generated into `<dataDir>/secret.key` on first start. Set the same value on every instance.
	 */
	secret: string | null;
	/** PostgreSQL connection string; null selects embedded PGlite. */
	databaseUrl: string | null;
	/** Largest websocket message accepted, in bytes. */
	maxMessageBytes: number;
	/** Largest socket.io message accepted (`maxHttpBufferSize`), in bytes. */
	maxSocketIoMessageBytes: number;
	/** socket.io events per second per socket (burst: twice as many); the excess is refused. */
	socketIoEventsPerSecond: number;
	/** Sustained Yjs document messages per second per connection (also the burst); beyond: 4429. */
	docMessagesPerSecond: number;
	/** Awareness messages (cursors) per second per connection (also the burst); beyond: dropped. */
	awarenessMessagesPerSecond: number;
	/** Delay grouping awareness changes of a board into one broadcast, in milliseconds. */
	awarenessFlushMs: number;
	/** Size above which a new client's initial board state is sent in parts (0: never), in bytes. */
	syncPartBytes: number;
	/** Open Yjs connections one person (guests too) may hold on one board; beyond: 429. */
	maxConnectionsPerPerson: number;
	/** Open Yjs connections to one workshop's boards, guests included, per instance; beyond: 429. */
	maxConnectionsPerWorkshop: number;
	/** Objects a board may hold; an update that would add beyond this closes its sender (4507). */
	maxObjectsPerBoard: number;
	/** Encoded size a board document may reach, in bytes; an update beyond it: 4507. */
	maxBoardBytes: number;
	/** Characters one text (a note's, a label's) may hold; an update beyond it: 4413. */
	maxTextChars: number;
	/** Bytes one value written on the board (a field, a stroke's points) may weigh; beyond: 4413. */
	maxValueBytes: number;
	/** Bytes one awareness state (cursor, selection) may weigh, JSON-encoded; beyond: dropped. */
	maxAwarenessStateBytes: number;
	/** Largest image a person may upload to a board (and largest workshop record import), in bytes. */
	maxUploadBytes: number;
	/** Bytes of images all the boards of one workshop may hold together; beyond: 413. */
	maxUploadBytesPerWorkshop: number;
	/** Largest JSON body of an API request, in bytes; beyond: 413 before parsing. */
	maxJsonBodyBytes: number;
	/** Deepest nesting of arrays and objects in a JSON body or import; beyond: 400 before parsing. */
	maxJsonDepth: number;
	/** Longest pause between two chunks of a request body, in milliseconds; beyond: 408. */
	uploadIdleTimeoutMs: number;
	/** Longest time to receive a whole request body, in milliseconds; beyond: 408. */
	uploadTimeoutMs: number;
	/** Idle lifetime of a session, in milliseconds (sliding: extended while in use). */
	sessionTtlMs: number;
	/** Absolute lifetime of a session from sign-in, in milliseconds, however active it is. */
	sessionMaxMs: number;
	/** Lifetime of a websocket ticket, in milliseconds. */
	ticketTtlMs: number;
	/**
	 * Extra delay before committing an update that finds its board's log idle, in milliseconds.
	 * 0 (default): committed at once; updates arriving during a commit form the next one.
	 */
	logBatchMs: number;
	/** A snapshot is written after this many logged updates. */
	snapshotEveryUpdates: number;
	/** A board without connections is unloaded after this delay, in milliseconds. */
	idleBoardUnloadMs: number;
	/** Redis shared by several instances (Yjs and socket.io fan-out); null: a single instance. */
	redisUrl: string | null;
	/** Prefix of every Redis channel this deployment uses (several deployments can share Redis). */
	redisPrefix: string;
	/** Bearer token `/metrics` requires; null: `/metrics` answers 404. */
	metricsToken: string | null;
	/** Period of the retention sweep purging expired update logs, in milliseconds (0: off). */
	retentionSweepMs: number;
	/**
	 * Fewest participants a category needs for any of its figures, or its name on published notes,
	 * to appear on the public results page and its SVG boards.
	 */
	publicMinRespondents: number;
	/** Sign-up attempts one client address may make per hour; beyond: 429 with `Retry-After`. */
	signupsPerHourPerAddress: number;
	/**
	 * IANA time zone every date and time of the outputs is shown in (pages, PDF, CSV, replay),
	 * whatever zone the server runs in; e.g. `Europe/Paris`, `America/Cayenne`.
	 */
	displayTimeZone: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) {
		const kind = min > 0 ? `an integer of at least ${min}` : 'a non-negative integer';
		throw new Error(`${name} must be ${kind}, got "${raw}"`);
	}
	return value;
}

function timeZoneFrom(env: NodeJS.ProcessEnv, name: string): string {
	const raw = env[name];
	if (raw === undefined || raw === '') return DEFAULT_DISPLAY_TIME_ZONE;
	if (!isTimeZone(raw)) throw new Error(`${name} must be an IANA time zone, got "${raw}"`);
	return raw;
}

/** Builds the configuration from an environment (defaults documented in the README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const origin = env.ORIGIN ? new URL(env.ORIGIN).origin : null;
	return {
		port: intFrom(env, 'PORT', 3000),
		host: env.HOST || '0.0.0.0',
		origin,
		dataDir: path.resolve(env.DATA_DIR || './data'),
		migrationsDir: env.MIGRATIONS_DIR ? path.resolve(env.MIGRATIONS_DIR) : null,
		secret: env.SECRET || null,
		databaseUrl: env.DATABASE_URL || null,
		maxMessageBytes: intFrom(env, 'MAX_MESSAGE_BYTES', 1024 * 1024, 1024),
		maxSocketIoMessageBytes: intFrom(env, 'MAX_SOCKETIO_MESSAGE_BYTES', 100_000, 1024),
		socketIoEventsPerSecond: intFrom(env, 'SOCKETIO_EVENTS_PER_SECOND', 50, 1),
		docMessagesPerSecond: intFrom(env, 'DOC_MESSAGES_PER_SECOND', 300, 1),
		awarenessMessagesPerSecond: intFrom(env, 'AWARENESS_MESSAGES_PER_SECOND', 30, 1),
		awarenessFlushMs: intFrom(env, 'AWARENESS_FLUSH_MS', 40),
		syncPartBytes: intFrom(env, 'SYNC_PART_BYTES', 128 * 1024),
		maxConnectionsPerPerson: intFrom(env, 'MAX_CONNECTIONS_PER_PERSON', 10, 1),
		maxConnectionsPerWorkshop: intFrom(env, 'MAX_CONNECTIONS_PER_WORKSHOP', 1000, 1),
		maxObjectsPerBoard: intFrom(env, 'MAX_OBJECTS_PER_BOARD', 5000, 1),
		maxBoardBytes: intFrom(env, 'MAX_BOARD_BYTES', 16 * 1024 * 1024, 1024),
		maxTextChars: intFrom(env, 'MAX_TEXT_CHARS', MAX_TEXT_CHARS, 1),
		maxValueBytes: intFrom(env, 'MAX_VALUE_BYTES', 256 * 1024, 64),
		maxAwarenessStateBytes: intFrom(env, 'MAX_AWARENESS_STATE_BYTES', 8 * 1024, 64),
		maxUploadBytes: intFrom(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1),
		maxUploadBytesPerWorkshop: intFrom(env, 'MAX_UPLOAD_BYTES_PER_WORKSHOP', 200 * 1024 * 1024, 1),
		maxJsonBodyBytes: intFrom(env, 'MAX_JSON_BODY_BYTES', 64 * 1024, 1024),
		maxJsonDepth: intFrom(env, 'MAX_JSON_DEPTH', 32, 4),
		uploadIdleTimeoutMs: intFrom(env, 'UPLOAD_IDLE_TIMEOUT_MS', 10_000, 100),
		uploadTimeoutMs: intFrom(env, 'UPLOAD_TIMEOUT_MS', 60_000, 1000),
		sessionTtlMs: intFrom(env, 'SESSION_TTL_DAYS', 30, 1) * DAY_MS,
		sessionMaxMs: intFrom(env, 'SESSION_MAX_DAYS', 90, 1) * DAY_MS,
		ticketTtlMs: intFrom(env, 'TICKET_TTL_SECONDS', 600) * 1000,
		logBatchMs: intFrom(env, 'LOG_BATCH_MS', 0),
		snapshotEveryUpdates: intFrom(env, 'SNAPSHOT_EVERY_UPDATES', 500),
		idleBoardUnloadMs: intFrom(env, 'IDLE_BOARD_UNLOAD_SECONDS', 60) * 1000,
		redisUrl: env.REDIS_URL || null,
		redisPrefix: env.REDIS_PREFIX || 'croisee:',
		metricsToken: env.METRICS_TOKEN || null,
		retentionSweepMs: intFrom(env, 'RETENTION_SWEEP_MINUTES', 60) * 60 * 1000,
		publicMinRespondents: intFrom(env, 'PUBLIC_MIN_RESPONDENTS', 3, 1),
		signupsPerHourPerAddress: intFrom(env, 'SIGNUPS_PER_HOUR_PER_ADDRESS', 10, 1),
		displayTimeZone: timeZoneFrom(env, 'TZ_DISPLAY')
	};
}
