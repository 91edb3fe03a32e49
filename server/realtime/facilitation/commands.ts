import type { Logger } from 'pino';
import {
	COMMANDS,
	type CommandAck,
	type CommandName,
	type CommandPayload,
	type CommandRule
} from '../../../src/lib/shared/commands.ts';
import { recordEvent } from '../../../src/lib/server/services/workshop-events.ts';
import type { RefusalReason } from '../../../src/lib/shared/refusals.ts';
import type {
	WorkshopEventPayloads,
	WorkshopEventType
} from '../../../src/lib/shared/workshop-events.ts';
import type { BoardIdentity } from '../access.ts';
import type { Room } from '../room.ts';
import type { PresenceServer, PresenceSocket } from '../socket-io.ts';
import type { LiveState } from './live-state.ts';
import type { LockStore } from './locks.ts';
import type { LiveRunStore } from './live-run.ts';

/**
 * The plumbing every facilitation command shares: payload validation, the caller's identity on
 * the board (from `board:join`, never from the client), the permission rule, the record in
 * `workshop_events` before anything is announced, and one acknowledgement.
 */

/** What the command handlers work with. */
export interface FacilitationDeps {
	io: PresenceServer;
	liveRuns: LiveRunStore;
	locks: LockStore;
	live: LiveState;
	/** The loaded boards (to check a vote against the live document). */
	rooms: { acquire(boardId: string): Promise<Room>; release(room: Room): void };
	log: Logger;
}

/**
 * Thrown by a command that goes against the current rules: acknowledged as refused for `reason`
 * (`conflict` when the state does not allow it, `limit` when a limit is reached, …), or with `ack`
 * when the refusal has more to say (a board's object limit and figures).
 */
export class RefusedError extends Error {
	override name = 'RefusedError';
	readonly ack: CommandAck & { ok: false };
	constructor(message: string, refusal: RefusalReason | (CommandAck & { ok: false })) {
		super(message);
		this.ack = typeof refusal === 'string' ? { ok: false, reason: refusal } : refusal;
	}
}

/** True for a `RefusedError`. */
function isRefusal(error: unknown): error is RefusedError {
	return error instanceof RefusedError;
}

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

/** Appends a command to the workshop's event log, as `identity` on its board. */
export async function record<T extends WorkshopEventType>(
	identity: BoardIdentity,
	type: T,
	payload: WorkshopEventPayloads[T]
): Promise<void> {
	await recordEvent({
		workshopId: identity.workshopId,
		boardId: identity.boardId,
		actorId: identity.userId,
		type,
		payload
	});
}

type Reply = (result: CommandAck) => void;

/**
 * Registers command `name` of the shared table (`COMMANDS`) on `socket`: validates the payload with
 * its schema, finds the caller's identity on `payload.boardId`, checks its rule, then runs `run`
 * and acknowledges.
 */
export function command<N extends CommandName>(
	deps: FacilitationDeps,
	socket: PresenceSocket,
	name: N,
	run: (identity: BoardIdentity, input: CommandPayload<N>) => Promise<void> | void
): void {
	const { log } = deps;
	const spec = COMMANDS[name];
	socket.on(
		name as never,
		((payload: unknown, ack: unknown) => {
			const reply: Reply = typeof ack === 'function' ? (ack as Reply) : () => undefined;
			const parsed = spec.input.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			const input = parsed.data as CommandPayload<N>;
			const identity = socket.data.boards[input.boardId];
			if (!identity) return reply({ ok: false, reason: 'not_joined' });
			if (!allowed(spec.rule, identity)) {
				log.info({ event: name, role: identity.role }, 'facilitation command refused');
				return reply({ ok: false, reason: 'forbidden' });
			}
			Promise.resolve()
				.then(() => run(identity, input))
				.then(
					() => reply({ ok: true }),
					(error: unknown) => {
						if (isRefusal(error)) return reply(error.ack);
						log.error({ err: error, event: name }, 'facilitation command failed');
						reply({ ok: false, reason: 'invalid' });
					}
				);
		}) as never
	);
}
