import type { Logger } from 'pino';
import * as z from 'zod';
import type { PresenceServer } from '../socket-io.ts';
import type { LiveChange, LiveState } from './live-state.ts';

/**
 * Keeps every instance's `LiveState` equal: each change is announced with socket.io's
 * `serverSideEmit` (through the Redis adapter) and applied by the others; an instance that starts
 * asks the others for their whole state. Nothing is shared on a single instance.
 */

const signal = z.object({
	personId: z.string(),
	name: z.string(),
	category: z.string().nullable(),
	at: z.number()
});
const liveChange = z.discriminatedUnion('op', [
	z.object({ op: z.literal('brainstorm'), boardId: z.string(), on: z.boolean() }),
	z.object({
		op: z.literal('hand'),
		workshopId: z.string(),
		signal,
		raised: z.boolean()
	}),
	z.object({
		op: z.literal('hand-name'),
		workshopId: z.string(),
		personId: z.string(),
		name: z.string()
	}),
	z.object({
		op: z.literal('leader'),
		boardId: z.string(),
		leader: z.object({ personId: z.string(), name: z.string(), socketId: z.string() }).nullable()
	}),
	z.object({ op: z.literal('spotlight'), boardId: z.string(), itemId: z.string().nullable() })
]);

const CHANGE = 'live';
const DUMP = 'live:dump';

/** The function that announces this instance's changes (a no-op when `shared` is false). */
export function livePublisher(input: {
	io: PresenceServer;
	shared: boolean;
}): (change: LiveChange) => void {
	if (!input.shared) return () => {};
	return (change) => input.io.serverSideEmit(CHANGE, change);
}

/** Applies the other instances' changes to `live`, and fetches their state once. */
export function shareLiveState(input: {
	io: PresenceServer;
	live: LiveState;
	shared: boolean;
	log: Logger;
}): void {
	const { io, live, log } = input;
	if (!input.shared) return;
	const applyAll = (raw: unknown) => {
		const parsed = z.array(liveChange).safeParse(raw);
		if (!parsed.success) return log.warn('malformed live state ignored');
		for (const change of parsed.data) live.apply(change);
	};
	io.on(CHANGE, (raw: unknown) => applyAll([raw]));
	io.on(DUMP, (reply: unknown) => {
		if (typeof reply === 'function') (reply as (changes: LiveChange[]) => void)(live.changes());
	});
	// The Redis adapter answers within its `requestsTimeout` with what it got.
	io.serverSideEmit(DUMP, (error: Error | null, replies: unknown[]) => {
		if (error) log.info('live state: not every instance answered at start-up');
		for (const reply of replies ?? []) applyAll(reply);
	});
}
