import type { Logger } from 'pino';
import type { z } from 'zod';
import { appContext } from '../../../src/lib/server/context.ts';
import { workshopEvents } from '../../../src/lib/server/db/schema.ts';
import type { CommandAck } from '../../../src/lib/shared/facilitation.ts';
import type { BoardIdentity } from '../access.ts';
import type { Room } from '../room.ts';
import type { PresenceServer, PresenceSocket } from '../socket-io.ts';
import type { LiveState } from './live-state.ts';
import type { LockStore } from './locks.ts';
import type { SessionStore } from './session.ts';

/**
 * The plumbing every facilitation command shares: payload validation, the caller's identity on
 * the board (from `board:join`, never from the client), the permission rule, the record in
 * `workshop_events` before anything is announced, and one acknowledgement.
 */

/** What the command handlers work with. */
export interface FacilitationDeps {
	io: PresenceServer;
	sessions: SessionStore;
	locks: LockStore;
	live: LiveState;
	/** The loaded boards (to check a vote against the live document). */
	rooms: { acquire(boardId: string): Promise<Room>; release(room: Room): void };
	log: Logger;
}

/**
 * Thrown by a command that goes against the current rules: acknowledged as `refused`, or with
 * `ack` when the refusal has more to say.
 */
export class RefusedError extends Error {
	override name = 'RefusedError';
	constructor(
		message: string,
		readonly ack: CommandAck & { ok: false } = { ok: false, code: 'refused' }
	) {
		super(message);
	}
}

/** True for a `RefusedError`. */
function isRefusal(error: unknown): error is RefusedError {
	return error instanceof RefusedError;
}

/** Who may send a command: facilitators, or anyone who may write (participants too). */
export type CommandRule = 'facilitator' | 'writer';

/** The socket.io room of a board (joined by `board:join`). */
export const boardRoom = (boardId: string) => `board:${boardId}`;
/** The socket.io room of everyone following a workshop's facilitation. */
export const workshopRoom = (workshopId: string) => `workshop:${workshopId}`;
/** The socket.io room of a workshop's facilitators (hands, reactions). */
export const facilitatorsRoom = (workshopId: string) => `workshop:${workshopId}:facilitators`;

/** True when `identity` passes `rule`. Nobody commands an archived workshop. */
export function allowed(rule: CommandRule, identity: BoardIdentity): boolean {
	if (!identity.writable) return false;
	return rule === 'writer' || identity.role === 'facilitator';
}

/** Appends a command to the workshop's event log. */
export async function record(
	identity: BoardIdentity,
	type: string,
	payload: Record<string, unknown>
): Promise<void> {
	await appContext().db.insert(workshopEvents).values({
		workshopId: identity.workshopId,
		boardId: identity.boardId,
		actorId: identity.userId,
		type,
		payload
	});
}

type Reply = (result: CommandAck) => void;

/**
 * Registers `event` on `socket`: validates the payload with `schema`, finds the caller's identity
 * on `payload.boardId`, checks `rule`, then runs `run` and acknowledges.
 */
export function command<S extends z.ZodType<{ boardId: string }>>(
	deps: FacilitationDeps,
	socket: PresenceSocket,
	spec: { event: string; schema: S; rule: CommandRule },
	run: (identity: BoardIdentity, input: z.infer<S>) => Promise<void> | void
): void {
	const { log } = deps;
	socket.on(
		spec.event as never,
		((payload: unknown, ack: unknown) => {
			const reply: Reply = typeof ack === 'function' ? (ack as Reply) : () => undefined;
			const parsed = spec.schema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, code: 'invalid' });
			const identity = socket.data.boards[parsed.data.boardId];
			if (!identity) return reply({ ok: false, code: 'not_joined' });
			if (!allowed(spec.rule, identity)) {
				log.info({ event: spec.event, role: identity.role }, 'facilitation command refused');
				return reply({ ok: false, code: 'forbidden' });
			}
			Promise.resolve()
				.then(() => run(identity, parsed.data))
				.then(
					() => reply({ ok: true }),
					(error: unknown) => {
						if (isRefusal(error)) return reply(error.ack);
						log.error({ err: error, event: spec.event }, 'facilitation command failed');
						reply({ ok: false, code: 'invalid' });
					}
				);
		}) as never
	);
}
