import * as z from 'zod';
import { MAX_DOTS, MAX_TIMER_SECONDS, REACTIONS } from './facilitation.ts';
import type { BoardLimitRefusal, Refusal } from './refusals.ts';

/**
 * The socket.io commands, written once: each command's name, who may send it and the zod schema
 * of its payload. The server (`server/realtime/facilitation/commands.ts`) registers a handler per
 * name and validates with the schema; the browser (`src/lib/client/facilitation.svelte.ts`) emits
 * the same names with payloads typed from the same schemas (`z.input`), and the handlers receive
 * `z.output`. Every command is acknowledged with a `CommandAck`.
 */

/** A board, workshop or object id as commands carry it. */
const id = z.string().min(1).max(64);
const seconds = z.int().min(0).max(MAX_TIMER_SECONDS);
const onBoard = z.object({ boardId: id });

/** Who may send a command: facilitators, or anyone who may write (participants too). */
export type CommandRule = 'facilitator' | 'writer';

/** One command: who may send it and its payload (always naming the board it acts on). */
export interface CommandSpec {
	rule: CommandRule;
	input: z.ZodType<{ boardId: string }>;
}

/** Every facilitation command, by socket.io event name. */
export const COMMANDS = {
	/** Replace the agenda (phases keep their id when given). */
	'agenda:set': {
		rule: 'facilitator',
		input: z.object({
			boardId: id,
			phases: z
				.array(
					z.object({
						id: id.optional(),
						title: z.string().trim().min(1).max(120),
						plannedSeconds: seconds
					})
				)
				.max(40)
		})
	},
	/** Make a phase current (its timer is set to its planned duration, paused). */
	'phase:set': { rule: 'facilitator', input: z.object({ boardId: id, phaseId: id.nullable() }) },
	/** Start (or resume) the timer, optionally with a new duration in seconds. */
	'timer:start': {
		rule: 'facilitator',
		input: z.object({ boardId: id, seconds: seconds.min(1).optional() })
	},
	/** Pause the timer. */
	'timer:pause': { rule: 'facilitator', input: onBoard },
	/** Add (or remove, when negative) seconds. */
	'timer:add': {
		rule: 'facilitator',
		input: z.object({ boardId: id, seconds: z.int().min(-3600).max(3600) })
	},
	/** Raise or lower one's own hand. */
	'hand:set': { rule: 'writer', input: z.object({ boardId: id, raised: z.boolean() }) },
	/** Lower someone's hand. */
	'hand:lower': { rule: 'facilitator', input: z.object({ boardId: id, personId: id }) },
	/** Send a quick reaction to the facilitators. */
	'reaction:send': {
		rule: 'writer',
		input: z.object({ boardId: id, reaction: z.enum(REACTIONS) })
	},
	/** Start or stop "follow me" on a board. */
	'follow:set': { rule: 'facilitator', input: z.object({ boardId: id, on: z.boolean() }) },
	/** Put an object or frame in the spotlight (null to clear). */
	'spotlight:set': {
		rule: 'facilitator',
		input: z.object({ boardId: id, itemId: z.string().max(64).nullable() })
	},
	/** Lock or unlock the board (`''`), a frame or an object. */
	'lock:set': {
		rule: 'facilitator',
		input: z.object({ boardId: id, targetId: z.string().max(64), locked: z.boolean() })
	},
	/** Open a dot-voting round on the board or one frame (closes any open one). */
	'vote:open': {
		rule: 'facilitator',
		input: z.object({
			boardId: id,
			frameId: id.nullable().default(null),
			dots: z.int().min(1).max(MAX_DOTS),
			onePerObject: z.boolean().default(false),
			anonymous: z.boolean().default(false)
		})
	},
	/** Put one dot on an object (refused beyond the round's rules). */
	'vote:cast': { rule: 'writer', input: z.object({ boardId: id, itemId: id }) },
	/** Take back one of one's dots on an object. */
	'vote:retract': { rule: 'writer', input: z.object({ boardId: id, itemId: id }) },
	/** Close the round; everyone then gets the results. */
	'vote:close': { rule: 'facilitator', input: onBoard },
	/** Start or stop a silent brainstorm. */
	'brainstorm:set': { rule: 'facilitator', input: z.object({ boardId: id, on: z.boolean() }) },
	/** A Yjs update of one's private draft (only while a brainstorm is on). */
	'draft:update': {
		rule: 'writer',
		input: z.object({
			boardId: id,
			update: z.custom<Uint8Array>((value) => value instanceof Uint8Array)
		})
	},
	/** Reveal every draft into the board at once (attributed by category only). */
	'brainstorm:reveal': { rule: 'facilitator', input: onBoard },
	/** Send everyone following the workshop to this board (not a peer group's). */
	'workshop:gather': { rule: 'facilitator', input: onBoard },
	/** Split participants into one peer-group board per category. */
	'groups:split': { rule: 'facilitator', input: onBoard },
	/** Bring the groups' boards side by side onto this (plenary) board. */
	'groups:cross': { rule: 'facilitator', input: onBoard }
} as const satisfies Record<string, CommandSpec>;

/** The name of a command (its socket.io event). */
export type CommandName = keyof typeof COMMANDS;
/** What a client sends for command `N` (defaults may be left out). */
export type CommandInput<N extends CommandName> = z.input<(typeof COMMANDS)[N]['input']>;
/** What the handler of command `N` receives, once validated. */
export type CommandPayload<N extends CommandName> = z.output<(typeof COMMANDS)[N]['input']>;

/**
 * The answer to every command: done, or refused with a reason of the shared vocabulary
 * (`src/lib/shared/refusals.ts`); a command refused by the board's object limit says by how much.
 */
export type CommandAck = { ok: true } | Refusal | BoardLimitRefusal;

/** True when `ack` is a refusal by the board's object limit, with its figures. */
export function isBoardLimitRefusal(ack: CommandAck): ack is BoardLimitRefusal {
	return !ack.ok && ack.reason === 'limit' && 'limit' in ack;
}

/** The socket.io events of the commands, as `ClientToServerEvents` declares them. */
export type CommandEvents = {
	[N in CommandName]: (payload: CommandInput<N>, ack?: (result: CommandAck) => void) => void;
};

/** Payloads of the events that are not commands (no rule, their own answers). */
export const EVENT_INPUT = {
	/** `board:join`, `board:leave`, `facilitation:join`, `draft:sync`: a board. */
	board: onBoard,
	/** `follow:viewport`: the leader's viewport, relayed to followers. */
	viewport: z.object({
		boardId: id,
		x: z.number().finite(),
		y: z.number().finite(),
		zoom: z.number().finite().min(0.01).max(100)
	})
} as const;

/** A facilitator's viewport, which followers copy: the board point at the centre and the zoom. */
export type Viewport = Omit<z.output<typeof EVENT_INPUT.viewport>, 'boardId'>;
/** The payload of `board:join`, `board:leave`, `facilitation:join` and `draft:sync`. */
export type BoardPayload = z.input<typeof EVENT_INPUT.board>;
/** The payload of `follow:viewport`. */
export type ViewportPayload = z.input<typeof EVENT_INPUT.viewport>;
