import { failure, type Failure } from './services/failure.ts';

/**
 * Request bodies read with bounds: a size checked against `Content-Length` before anything is
 * read and counted while the body streams in (never more than the limit held in memory), a pause
 * between two chunks and a total time after which the read gives up, and a JSON nesting depth
 * checked in one linear pass before `JSON.parse` runs.
 *
 * A refused body is never cancelled here: cancelling SvelteKit's stream destroys the socket, and
 * the person would get a reset instead of the reason. The stream is left paused; once the answer
 * is sent, `server/unread-body.ts` closes the connection without reading the rest.
 */

/**
 * Routes whose bodies may weigh up to `MAX_UPLOAD_BYTES` (images, workshop record imports); every other
 * request body, JSON or form, is held to `MAX_JSON_BODY_BYTES`.
 */
export const LARGE_BODY_ROUTES: ReadonlySet<string> = new Set([
	'/api/boards/[id]/files',
	'/api/workshops/import'
]);

/** Bounds of one body read. */
export interface BodyLimits {
	/** Largest body accepted, in bytes. */
	maxBytes: number;
	/** Longest pause between two chunks, in milliseconds. */
	idleTimeoutMs: number;
	/** Longest time for the whole body, in milliseconds. */
	totalTimeoutMs: number;
	/** The failure to answer when the body is over `maxBytes` (413, with a code the UI knows). */
	tooLarge: Failure;
}

/** 408 `body_timeout`: the body stalled or took too long. */
export function bodyTimeoutFailure(): Failure {
	return failure(408, 'body_timeout', 'The request body arrived too slowly; try again');
}

type Chunk = ReadableStreamReadResult<Uint8Array> | 'idle' | 'total';

function timeout(ms: number, value: 'idle' | 'total'): { promise: Promise<Chunk>; stop(): void } {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const promise = new Promise<Chunk>((resolve) => {
		timer = setTimeout(() => resolve(value), ms);
	});
	return { promise, stop: () => clearTimeout(timer) };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
	const bytes = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}

/** The body's declared length (`Content-Length`), or null when it streams without one. */
export function declaredLength(request: Request): number | null {
	const raw = request.headers.get('content-length');
	if (raw === null) return null;
	const value = Number(raw);
	return Number.isFinite(value) ? value : null;
}

/**
 * Reads a request body within `limits`: `limits.tooLarge` as soon as it is known to be too large
 * (from `Content-Length`, else while counting), 408 `body_timeout` when it stalls or is slow.
 */
export async function readBody(
	request: Request,
	limits: BodyLimits
): Promise<Uint8Array | Failure> {
	const declared = declaredLength(request);
	if (declared !== null && declared > limits.maxBytes) return limits.tooLarge;
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const total = timeout(limits.totalTimeoutMs, 'total');
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const idle = timeout(limits.idleTimeoutMs, 'idle');
			const next = await Promise.race([reader.read(), idle.promise, total.promise]);
			idle.stop();
			if (next === 'idle' || next === 'total') return bodyTimeoutFailure();
			if (next.done) return concat(chunks, size);
			size += next.value.byteLength;
			if (size > limits.maxBytes) return limits.tooLarge;
			chunks.push(next.value);
		}
	} catch {
		// The client went away (or sent more than its Content-Length): nobody reads the answer.
		return failure(400, 'body_aborted', 'The request body was cut off');
	} finally {
		total.stop();
		reader.releaseLock();
	}
}

/**
 * True when JSON `text` nests arrays and objects deeper than `maxDepth`; one pass over the
 * characters, strings skipped, so a hostile body costs no more than its length.
 */
export function jsonTooDeep(text: string, maxDepth: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (inString) {
			if (code === 0x5c)
				i++; // backslash: skip the escaped character
			else if (code === 0x22) inString = false;
		} else if (code === 0x22) inString = true;
		else if (code === 0x5b || code === 0x7b) {
			if (++depth > maxDepth) return true;
		} else if (code === 0x5d || code === 0x7d) depth--;
	}
	return false;
}

/**
 * Parses `bytes` as strict UTF-8 JSON nested at most `maxDepth` deep: 400 `json_too_deep` or
 * `invalid_json` (with `what` naming the body in the message) otherwise.
 */
export function parseBoundedJson(
	bytes: Uint8Array,
	maxDepth: number,
	what = 'The body'
): { value: unknown } | Failure {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return failure(400, 'invalid_json', `${what} is not valid JSON`);
	}
	if (jsonTooDeep(text, maxDepth)) {
		return failure(400, 'json_too_deep', `${what} nests deeper than ${maxDepth} levels`);
	}
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return failure(400, 'invalid_json', `${what} is not valid JSON`);
	}
}
