import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { LoginThrottle } from './login-throttle.ts';

/** What the realtime layer offers to HTTP routes (e.g. to cut people off when a link is revoked). */
export interface RealtimeControl {
	/** Closes every live connection of `userId` to the boards of `workshopId`. */
	disconnectUser(args: { workshopId: string; userId: string }): void;
	/** The users with a live socket.io connection on a board of `workshopId` (people panel). */
	onlineUserIds(workshopId: string): string[];
	/**
	 * Tells `userId`'s pages that their role or category changed (they reload), then closes their
	 * connections so that the server decides their rights again.
	 */
	accessChanged(args: { workshopId: string; userId: string }): void;
	/**
	 * The workshop's anonymous mode changed: every connection to its boards (Yjs and socket.io, on
	 * every instance) takes its new shown name and each page is told the mode, without reconnecting.
	 */
	anonymityChanged(args: { workshopId: string; anonymous: boolean }): Promise<void>;
	/** Closes every live connection of `userId`, on every board (sign-out everywhere). */
	signedOutEverywhere(userId: string): void;
	/** Closes the live connections opened with one session of `userId` (its sign-out). */
	sessionEnded(args: { userId: string; sessionId: string }): void;
	/**
	 * The workshop was just archived: every connected page is told to reload, every Yjs and
	 * socket.io connection to its boards is closed (they reconnect read-only), then each board's log
	 * is stored and a final snapshot written (boards not open are loaded for it).
	 */
	workshopArchived(args: { workshopId: string; boardIds: readonly string[] }): Promise<void>;
	/**
	 * Changes a live board on the server's side, as `author`'s act: `change` runs in one transaction
	 * of the board's document (loaded if needed), logged and broadcast like a client's update, under
	 * the author's id and category. Resolves with what `change` returned, once it is stored.
	 */
	writeAs<T>(args: {
		boardId: string;
		author: { userId: string; category: string | null };
		change: (doc: import('yjs').Doc, origin: unknown) => T;
	}): Promise<T>;
	/**
	 * Resolves once every update this instance accepted on `boardIds` so far is in the database
	 * (boards not open here have nothing pending). Run before rewriting their stored history.
	 */
	storedBoards(boardIds: readonly string[]): Promise<void>;
}

/**
 * Process-wide services shared by the Node server (`server/`) and the SvelteKit bundle. They live on
 * `globalThis` because the bundle and the server load separate copies of this module, and PGlite
 * allows a single connection per process.
 */
export interface AppContext {
	config: Config;
	db: Database;
	/** Key sealing invitation codes (32 bytes). */
	sealKey: Uint8Array;
	/** Failed sign-in counts of this process. */
	loginThrottle: LoginThrottle;
	realtime: RealtimeControl | null;
}

const KEY = Symbol.for('croisee.app-context');
type Holder = { [KEY]?: AppContext };

/** Installs the process-wide context; called once by the server before it accepts requests. */
export function setAppContext(context: AppContext | null): void {
	if (context) (globalThis as Holder)[KEY] = context;
	else delete (globalThis as Holder)[KEY];
}

/** Returns the process-wide context, or throws when the server has not started. */
export function appContext(): AppContext {
	const context = (globalThis as Holder)[KEY];
	if (!context) throw new Error('Croisée app context is not initialised (server not started)');
	return context;
}
