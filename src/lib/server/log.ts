import { pino, stdSerializers } from 'pino';

/** Longest string kept in a logged error field (Drizzle messages embed every query parameter). */
const MAX_LOGGED_TEXT = 500;

/**
 * Serialises an error for the log without its query parameters: a failed insert would otherwise
 * write every byte of the Yjs update (and people's words) into the log, many times over.
 */
export function serializeError(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { message: String(error) };
	const out = { ...stdSerializers.err(error) } as Record<string, unknown>;
	delete out.params;
	for (const key of ['message', 'stack', 'query']) {
		const value = out[key];
		if (typeof value === 'string' && value.length > MAX_LOGGED_TEXT) {
			out[key] = `${value.slice(0, MAX_LOGGED_TEXT)}…`;
		}
	}
	if (error.cause !== undefined) out.cause = serializeError(error.cause);
	return out;
}

/** The process logger (JSON lines on stdout; `LOG_LEVEL` sets the level, default `info`). */
export const log = pino({
	level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: undefined,
	serializers: { err: serializeError }
});
