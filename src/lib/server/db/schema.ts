import {
	bigint,
	bigserial,
	boolean,
	customType,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

/** Binary column: PGlite returns `Uint8Array`, postgres.js a `Buffer` (a `Uint8Array` too). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A person known to the server: an account (facilitator, with e-mail and password hash) or a guest
 * (display name only, created by a join link).
 */
export const users = pgTable('users', {
	id: text('id').primaryKey(),
	kind: text('kind', { enum: ['account', 'guest'] }).notNull(),
	name: text('name').notNull(),
	email: text('email').unique(),
	passwordHash: text('password_hash'),
	createdAt: createdAt()
});

/** Sessions in the Lucia-guide shape: `id` is the SHA-256 hex of the token held by the client. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Idle expiry: pushed back while the session is used, never beyond `createdAt + SESSION_MAX_DAYS`. */
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** Sign-in time: the session ends `SESSION_MAX_DAYS` after it, however active. */
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** A workshop groups boards and the people allowed on them. */
export const workshops = pgTable('workshops', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	ownerId: text('owner_id')
		.notNull()
		.references(() => users.id),
	status: text('status', { enum: ['active', 'archived'] })
		.notNull()
		.default('active'),
	createdAt: createdAt(),
	/** When the workshop takes place (null: not planned yet). */
	date: timestamp('date', { withTimezone: true }),
	/** What the workshop is for, shown to people joining. */
	purpose: text('purpose').notNull().default(''),
	/** Where the workshop takes place (a room, a town hall), shown on the outputs; '' when unknown. */
	place: text('place').notNull().default(''),
	/** The categories people speak as, in display order (defaults: usager, agent, manager, elu). */
	categories: jsonb('categories')
		.$type<string[]>()
		.notNull()
		.default(['usager', 'agent', 'manager', 'elu']),
	/** `open`: a join link lets people in at once; `admit`: they wait until a facilitator admits them. */
	admission: text('admission', { enum: ['open', 'admit'] })
		.notNull()
		.default('open'),
	/** Anonymous mode: participants appear to others by their category only, never by name. */
	anonymous: boolean('anonymous').notNull().default(false),
	/** RGPD: when false (default), evaluators see pseudonyms instead of names and e-mails. */
	evaluatorsSeeNames: boolean('evaluators_see_names').notNull().default(false),
	/** Agenda: phases with planned durations, in order (facilitation state, owned by the server). */
	agenda: jsonb('agenda')
		.$type<{ id: string; title: string; plannedSeconds: number }[]>()
		.notNull()
		.default([]),
	/** Live run: current phase and timer (server clock), the same for late joiners and restarts. */
	liveRun: jsonb('live_run')
		.$type<{
			phaseId: string | null;
			timer: { running: boolean; endsAt: number | null; remainingMs: number };
		}>()
		.notNull()
		.default({ phaseId: null, timer: { running: false, endsAt: null, remainingMs: 0 } }),
	/** The programme this workshop belongs to (its workshops compared over time), or null. */
	programmeId: text('programme_id').references(() => programmes.id, { onDelete: 'set null' }),
	/**
	 * RGPD retention: raw update logs older than this many months are purged (snapshots and
	 * figures stay). Null keeps them.
	 */
	retentionMonths: integer('retention_months'),
	/** When the raw update log was last purged (null: never). */
	logPurgedAt: timestamp('log_purged_at', { withTimezone: true }),
	/**
	 * Public results page: the unguessable token of its address, null while unpublished, and the
	 * boards it shows.
	 */
	publicToken: text('public_token').unique(),
	publicBoardIds: jsonb('public_board_ids').$type<string[]>().notNull().default([])
});

/** A facilitator's series of workshops, whose figures are compared over time. */
export const programmes = pgTable('programmes', {
	id: text('id').primaryKey(),
	ownerId: text('owner_id')
		.notNull()
		.references(() => users.id),
	title: text('title').notNull(),
	createdAt: createdAt()
});

/** A board a facilitator saved as a template of their own: its Yjs state, to seed new boards. */
export const boardTemplates = pgTable(
	'board_templates',
	{
		id: text('id').primaryKey(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		state: bytea('state').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('board_templates_owner_idx').on(t.ownerId)]
);

/** A board: one Yjs document, whose history lives in `board_updates` and `board_snapshots`. */
export const boards = pgTable(
	'boards',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		createdAt: createdAt(),
		/** Peer-group board: only this category's participants (and facilitators) may open it. */
		groupCategory: text('group_category')
	},
	(t) => [index('boards_workshop_idx').on(t.workshopId)]
);

/** Person × workshop: the permission role and the category they speak as (never mixed). */
export const memberships = pgTable(
	'memberships',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['facilitator', 'participant', 'observer', 'evaluator'] }).notNull(),
		category: text('category'),
		removed: boolean('removed').notNull().default(false),
		createdAt: createdAt(),
		/** `waiting`: joined a workshop in "admit" mode and not admitted yet (no access meanwhile). */
		status: text('status', { enum: ['active', 'waiting'] })
			.notNull()
			.default('active'),
		/** The invitation that brought them in (revoked with them when a facilitator asks). */
		inviteId: text('invite_id')
	},
	(t) => [primaryKey({ columns: [t.workshopId, t.userId] })]
);

/**
 * Invitation links. The code is looked up by its SHA-256 hash; `codeSealed` holds the code encrypted
 * with the server key so that facilitators can copy the link again, while a leaked database alone
 * does not reveal working links.
 */
export const invites = pgTable(
	'invites',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		boardId: text('board_id').references(() => boards.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		codeSealed: text('code_sealed').notNull(),
		/**
		 * A second, typeable code for the room screen ("k7m2-q9xd": 8 characters without look-alikes),
		 * hashed and sealed like the code; null for links made before it existed.
		 */
		shortCodeHash: text('short_code_hash'),
		shortCodeSealed: text('short_code_sealed'),
		role: text('role', { enum: ['participant', 'observer', 'evaluator'] }).notNull(),
		category: text('category'),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: createdAt(),
		/** How many people may join through it (null: no limit). */
		maxUses: integer('max_uses'),
		/** How many people joined through it. */
		uses: integer('uses').notNull().default(0),
		/** A facilitator's note on what the link is for (e.g. "QR salle", "élus"). */
		label: text('label').notNull().default('')
	},
	(t) => [
		uniqueIndex('invites_code_hash_idx').on(t.codeHash),
		uniqueIndex('invites_short_code_hash_idx').on(t.shortCodeHash)
	]
);

/** Short-lived credentials for non-browser websocket clients (`?ticket=`), stored hashed. */
export const tickets = pgTable('tickets', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	boardId: text('board_id')
		.notNull()
		.references(() => boards.id, { onDelete: 'cascade' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
});

/** Append-only log of every Yjs update the server accepted, with who sent it. */
export const boardUpdates = pgTable(
	'board_updates',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		authorId: text('author_id'),
		category: text('category'),
		update: bytea('update').notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.seq] })]
);

/**
 * The last seq given to a board's update. Every batch insert bumps it in the same statement (the
 * row stays locked until commit), so several instances number one board's updates densely and in
 * commit order. A board without a row starts after its highest stored seq.
 */
export const boardHeads = pgTable('board_heads', {
	boardId: text('board_id')
		.primaryKey()
		.references(() => boards.id, { onDelete: 'cascade' }),
	lastSeq: integer('last_seq').notNull()
});

/**
 * Which person writes with which Yjs client id on a board. A client id is bound to the first person
 * who writes with it; structs under an id bound to someone else are refused (`update-guard.ts`).
 * Stored before the updates written with it, so a restart keeps the binding of everything stored.
 */
export const boardClients = pgTable(
	'board_clients',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		clientId: bigint('client_id', { mode: 'number' }).notNull(),
		userId: text('user_id').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.clientId] })]
);

/** Full encoded state of a board up to and including update `seq`. */
export const boardSnapshots = pgTable(
	'board_snapshots',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		state: bytea('state').notNull(),
		itemCount: integer('item_count').notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.seq] })]
);

/** The workshop's rhythm: joins, leaves, and later timers, phases, votes, locks, archives. */
export const workshopEvents = pgTable(
	'workshop_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		boardId: text('board_id'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: text('actor_id'),
		type: text('type').notNull(),
		payload: jsonb('payload')
	},
	(t) => [index('workshop_events_workshop_idx').on(t.workshopId, t.at)]
);

/** Locks: only facilitators change a locked board (`targetId` = ''), frame or object. */
export const boardLocks = pgTable(
	'board_locks',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		targetId: text('target_id').notNull(),
		lockedBy: text('locked_by'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.targetId] })]
);

/** A dot-voting round on a board (or one frame of it). Results are hidden until `closedAt`. */
export const voteRounds = pgTable(
	'vote_rounds',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		frameId: text('frame_id'),
		dots: integer('dots').notNull(),
		onePerObject: boolean('one_per_object').notNull().default(false),
		anonymous: boolean('anonymous').notNull().default(false),
		openedBy: text('opened_by'),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [index('vote_rounds_board_idx').on(t.boardId)]
);

/** One dot placed on an object, with the voter's category (the figures by category). */
export const votes = pgTable(
	'votes',
	{
		id: text('id').primaryKey(),
		roundId: text('round_id')
			.notNull()
			.references(() => voteRounds.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		category: text('category'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('votes_round_idx').on(t.roundId, t.userId)]
);

/** End-of-workshop feedback, one per person, stored with their category. */
export const feedback = pgTable(
	'feedback',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		category: text('category'),
		satisfaction: integer('satisfaction').notNull(),
		worked: text('worked').notNull().default(''),
		change: text('change').notNull().default(''),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.workshopId, t.userId] })]
);

/**
 * Images uploaded to a board, bytes included: one database holds everything (backups, several
 * instances on one PostgreSQL, no shared disk), and `MAX_UPLOAD_BYTES` keeps rows small.
 */
export const files = pgTable(
	'files',
	{
		id: text('id').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		uploaderId: text('uploader_id').references(() => users.id, { onDelete: 'set null' }),
		/** Checked from the bytes, never taken from the request. */
		contentType: text('content_type').notNull(),
		size: integer('size').notNull(),
		bytes: bytea('bytes').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('files_board_idx').on(t.boardId)]
);

/** Silent brainstorm: each person's private draft document on a board, seen only by them. */
export const boardDrafts = pgTable(
	'board_drafts',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		category: text('category'),
		state: bytea('state').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.userId] })]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Board = typeof boards.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Workshop = typeof workshops.$inferSelect;
export type Invite = typeof invites.$inferSelect;

/**
 * A workshop's figures (`shared/figures.ts`), kept so that reports survive the purge of raw update
 * logs: written when an archived workshop's report is first read, and by `storeWorkshopFigures`
 * before any purge. No names or person ids inside.
 */
export const workshopFigures = pgTable('workshop_figures', {
	workshopId: text('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	version: integer('version').notNull(),
	computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
	figures: jsonb('figures').notNull()
});
