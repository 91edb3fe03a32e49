import type { Logger } from 'pino';
import * as z from 'zod';
import type { PresenceServer } from './socket-io.ts';

/**
 * Access changes that must reach every instance: the HTTP request revoking a person's access (or
 * signing them out, archiving a workshop, turning anonymous mode on or off) lands on one instance, while that person's sockets may
 * be open on any. The instance acts on its own sockets and announces the change with socket.io's
 * `serverSideEmit` (through the Redis adapter); the others act on theirs.
 */

const controlMessage = z.discriminatedUnion('op', [
	z.object({
		op: z.literal('disconnect-user'),
		workshopId: z.string().optional(),
		userId: z.string()
	}),
	z.object({ op: z.literal('access-changed'), workshopId: z.string(), userId: z.string() }),
	z.object({ op: z.literal('anonymity-changed'), workshopId: z.string(), anonymous: z.boolean() }),
	z.object({ op: z.literal('signed-out-everywhere'), userId: z.string() }),
	z.object({ op: z.literal('session-ended'), userId: z.string(), sessionId: z.string() }),
	z.object({ op: z.literal('workshop-closed'), workshopId: z.string() })
]);

/** A change announced to the other instances. */
export type ControlMessage = z.infer<typeof controlMessage>;

/** What one instance does, on its own sockets, for each change. */
export interface LocalControl {
	disconnectUser(args: { workshopId?: string; userId: string }): void;
	accessChanged(args: { workshopId: string; userId: string }): void;
	/** Renames the workshop's connections live (no reconnect) after its anonymous mode changed. */
	anonymityChanged(args: { workshopId: string; anonymous: boolean }): Promise<void>;
	signedOutEverywhere(userId: string): void;
	sessionEnded(args: { userId: string; sessionId: string }): void;
	/** Tells the workshop's pages to reload and closes their connections (archive). */
	workshopClosed(workshopId: string): void;
}

const EVENT = 'control';

/**
 * Listens to the other instances' announcements and returns the function announcing this one's
 * (a no-op on a single instance: `shared` false).
 */
export function shareControl(input: {
	io: PresenceServer;
	local: LocalControl;
	shared: boolean;
	log: Logger;
}): (message: ControlMessage) => void {
	const { io, local, log } = input;
	if (!input.shared) return () => {};
	io.on(EVENT, (raw: unknown) => {
		const parsed = controlMessage.safeParse(raw);
		if (!parsed.success) return log.warn('malformed control message ignored');
		const message = parsed.data;
		if (message.op === 'disconnect-user') local.disconnectUser(message);
		else if (message.op === 'access-changed') local.accessChanged(message);
		else if (message.op === 'anonymity-changed') void local.anonymityChanged(message);
		else if (message.op === 'signed-out-everywhere') local.signedOutEverywhere(message.userId);
		else if (message.op === 'session-ended') local.sessionEnded(message);
		else local.workshopClosed(message.workshopId);
	});
	return (message) => io.serverSideEmit(EVENT, message);
}
