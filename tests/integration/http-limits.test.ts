import { count, eq, sum } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config.ts';
import { boards, files, workshops } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import type { JoinBoardAck } from '../../src/lib/shared/socket-events.ts';
import { socketIoClient } from './fuzz-support.ts';
import { Harness, db, joinAsGuest, warmUp } from './support.ts';

/**
 * Issue 13, HTTP side: every body is bounded before any parsing work (size, depth, time), read only
 * once the caller is known to be allowed, and a refused body leaves nothing stored.
 */

/** A real 1×1 PNG (67 bytes). */
const PNG = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64'
	)
);

/** A PNG padded to `size` bytes (the type is judged from the first bytes only). */
function pngOf(size: number): Uint8Array {
	const bytes = new Uint8Array(size);
	bytes.set(PNG);
	return bytes;
}

async function workshopCount(): Promise<number> {
	const [row] = await db().select({ n: count() }).from(workshops);
	return row?.n ?? 0;
}

async function storedFiles(): Promise<{ n: number; bytes: number }> {
	const [row] = await db()
		.select({ n: count(), bytes: sum(files.size) })
		.from(files);
	return { n: row?.n ?? 0, bytes: Number(row?.bytes ?? 0) };
}

async function workshopOf(boardId: string): Promise<string> {
	const [row] = await db()
		.select({ id: boards.workshopId })
		.from(boards)
		.where(eq(boards.id, boardId));
	if (!row) throw new Error('no such board');
	return row.id;
}

async function upload(client: ApiClient, boardId: string, bytes: Uint8Array) {
	const response = await fetch(`${client.baseUrl}/api/boards/${boardId}/files`, {
		method: 'POST',
		headers: { cookie: client.cookie, origin: client.origin, 'content-type': 'image/png' },
		body: Buffer.from(bytes)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Sends `bytes` as a body without a declared length (chunked), as a browser stream would. */
async function streamed(
	client: ApiClient,
	path: string,
	bytes: Uint8Array,
	type: string
): Promise<{ status: number; body: Record<string, unknown> }> {
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			for (let at = 0; at < bytes.byteLength; at += 16 * 1024) {
				controller.enqueue(bytes.subarray(at, at + 16 * 1024));
			}
			controller.close();
		}
	});
	const response = await fetch(client.baseUrl + path, {
		method: 'POST',
		headers: { cookie: client.cookie, origin: client.origin, 'content-type': type },
		body: stream,
		duplex: 'half'
	} as RequestInit);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function jsonBody(text: string): Record<string, unknown> {
	return JSON.parse(text) as Record<string, unknown>;
}

describe('body limit configuration', () => {
	it('reads the body limits from the environment, with documented defaults', () => {
		expect(loadConfig({})).toMatchObject({
			maxJsonBodyBytes: 64 * 1024,
			maxJsonDepth: 32,
			maxUploadBytes: 10 * 1024 * 1024,
			maxUploadBytesPerWorkshop: 200 * 1024 * 1024,
			uploadIdleTimeoutMs: 10_000,
			uploadTimeoutMs: 60_000
		});
		expect(
			loadConfig({
				MAX_JSON_BODY_BYTES: '2048',
				MAX_JSON_DEPTH: '8',
				MAX_UPLOAD_BYTES_PER_WORKSHOP: '1000',
				UPLOAD_IDLE_TIMEOUT_MS: '500',
				UPLOAD_TIMEOUT_MS: '5000'
			})
		).toMatchObject({
			maxJsonBodyBytes: 2048,
			maxJsonDepth: 8,
			maxUploadBytesPerWorkshop: 1000,
			uploadIdleTimeoutMs: 500,
			uploadTimeoutMs: 5000
		});
		expect(() => loadConfig({ MAX_JSON_DEPTH: '1' })).toThrow(/MAX_JSON_DEPTH/);
	});
});

describe.each(DRIVERS)('bounded request bodies (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('refuses a JSON body over MAX_JSON_BODY_BYTES with 413, from its declared length, before reading it', async () => {
		const { server, facilitator } = await h.board(driver, { maxJsonBodyBytes: 4096 });
		const before = await workshopCount();
		const exchange = await rawRequest({
			baseUrl: server.url,
			method: 'POST',
			path: '/api/workshops',
			headers: {
				cookie: facilitator.cookie,
				origin: facilitator.origin,
				'content-type': 'application/json'
			},
			body: { contentLength: 50_000_000, bytes: new Uint8Array(0) }
		});
		expect(exchange.status).toBe(413);
		expect(jsonBody(exchange.body)).toMatchObject({ code: 'body_too_large' });
		// The server closed the connection without waiting for the 50 MB it was told about.
		expect(exchange.closedAfterMs).toBeLessThan(5000);
		expect(await workshopCount()).toBe(before);
	});

	it('refuses a form post declared over MAX_JSON_BODY_BYTES with 413 before reading it', async () => {
		const { server } = await h.board(driver, { maxJsonBodyBytes: 4096 });
		// Under BODY_SIZE_LIMIT (MAX_UPLOAD_BYTES + 64 KiB): SvelteKit alone would read it all.
		const total = 9 * 1024 * 1024;
		const exchange = await rawRequest({
			baseUrl: server.url,
			method: 'POST',
			path: '/login',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: { contentLength: total, bytes: new TextEncoder().encode('email='.padEnd(total, 'a')) }
		});
		expect(exchange.status).toBe(413);
		// Socket buffers take a few MB before the server reads a byte: the answer came before the end.
		expect(exchange.sentAtAnswer).toBeLessThan(total);
		expect(exchange.sent).toBeLessThan(total);
	});

	it('refuses a JSON body streamed past MAX_JSON_BODY_BYTES with 413 while counting it', async () => {
		const { facilitator } = await h.board(driver, { maxJsonBodyBytes: 4096 });
		const before = await workshopCount();
		const title = 'a'.repeat(100_000);
		const body = new TextEncoder().encode(JSON.stringify({ title }));
		const answer = await streamed(facilitator, '/api/workshops', body, 'application/json');
		expect(answer).toMatchObject({
			status: 413,
			body: { code: 'body_too_large', reason: 'too_large' }
		});
		expect(await workshopCount()).toBe(before);
	});

	it('refuses deeply nested JSON with 400 before parsing it, on the API and on import', async () => {
		const { facilitator } = await h.board(driver);
		const before = await workshopCount();
		// 10 KB of nesting: once 0.3-0.5 s of CPU and a 500 (stack overflow in the text check).
		const nested = `{"title":${'['.repeat(5000)}${']'.repeat(5000)}}`;
		for (const path of ['/api/workshops', '/api/workshops/import']) {
			const started = performance.now();
			const response = await fetch(facilitator.baseUrl + path, {
				method: 'POST',
				headers: {
					cookie: facilitator.cookie,
					origin: facilitator.origin,
					'content-type': 'application/json'
				},
				body: nested
			});
			const body = (await response.json()) as Record<string, unknown>;
			console.log(`${path}: nested 10 KB body answered in ${performance.now() - started} ms`);
			expect({ status: response.status, code: body.code }).toEqual({
				status: 400,
				code: 'json_too_deep'
			});
		}
		// Nesting inside strings is text, not depth; malformed JSON is a 400 too.
		const text = await facilitator.request('POST', '/api/workshops', {
			title: '['.repeat(5000)
		});
		expect(text.status).toBe(400);
		expect(text.body.code).toBe('invalid_input');
		const malformed = await fetch(`${facilitator.baseUrl}/api/workshops`, {
			method: 'POST',
			headers: {
				cookie: facilitator.cookie,
				origin: facilitator.origin,
				'content-type': 'application/json'
			},
			body: '{"title": "Atelier"'
		});
		expect(malformed.status).toBe(400);
		expect(((await malformed.json()) as Record<string, unknown>).code).toBe('invalid_json');
		expect(await workshopCount()).toBe(before);
		// The server is unharmed: a normal request goes through.
		const created = await facilitator.request('POST', '/api/workshops', { title: 'Atelier' });
		expect(created.status).toBe(201);
	});

	it('refuses an unauthenticated large upload with 401 without reading it, and closes', async () => {
		const { server, board } = await h.board(driver);
		const total = 50 * 1024 * 1024;
		const exchange = await rawRequest({
			baseUrl: server.url,
			method: 'POST',
			path: `/api/boards/${board.id}/files`,
			headers: { origin: server.url, 'content-type': 'image/png' },
			body: { contentLength: total, bytes: pngOf(total) }
		});
		expect(exchange.status).toBe(401);
		// The answer came while the client was still sending, and the server hung up without the rest.
		expect(exchange.sentAtAnswer).toBeLessThan(total / 2);
		expect(exchange.sent).toBeLessThan(total);
		expect(await storedFiles()).toEqual({ n: 0, bytes: 0 });
	});

	it('refuses a large upload or import from someone not allowed before reading it', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const guest = await joinAsGuest(server, board.joinUrl, 'Jean', 'usager');
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Autre Animatrice');
		const total = 50 * 1024 * 1024;
		const send = (client: ApiClient, path: string, type: string) =>
			rawRequest({
				baseUrl: client.baseUrl,
				method: 'POST',
				path,
				headers: { cookie: client.cookie, origin: client.origin, 'content-type': type },
				body: { contentLength: total, bytes: pngOf(total) }
			});
		// A facilitator of another workshop: the board is not theirs (404, as for an unknown id).
		const foreign = await send(stranger, `/api/boards/${board.id}/files`, 'image/png');
		// A guest may write on the board but not import a workshop record (accounts only).
		const guestImport = await send(guest, '/api/workshops/import', 'application/json');
		for (const [exchange, status] of [
			[foreign, 404],
			[guestImport, 403]
		] as const) {
			expect(exchange.status).toBe(status);
			expect(exchange.sentAtAnswer).toBeLessThan(total / 2);
			expect(exchange.sent).toBeLessThan(total);
		}
		expect(await storedFiles()).toEqual({ n: 0, bytes: 0 });
		expect((await upload(facilitator, board.id, PNG)).status).toBe(201);
	});

	it('checks who is asking before reading any JSON body', async () => {
		// A body declared but never sent: a route that read it first would wait and answer 408.
		const { server, facilitator, board } = await h.board(driver, { uploadIdleTimeoutMs: 2000 });
		const guest = await joinAsGuest(server, board.joinUrl, 'Jean', 'usager');
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Autre Animatrice');
		const programme = await facilitator.request<{ id: string }>('POST', '/api/programmes', {
			title: 'Mobilités'
		});
		const workshopId = await workshopOf(board.id);
		const cases: [ApiClient | null, string, string, number][] = [
			[null, 'POST', '/api/workshops', 401],
			[guest, 'POST', '/api/workshops', 403],
			[guest, 'POST', '/api/boards', 403],
			[guest, 'PATCH', `/api/workshops/${workshopId}`, 403],
			[guest, 'POST', `/api/workshops/${workshopId}/boards`, 403],
			[guest, 'POST', `/api/boards/${board.id}/save-as-template`, 403],
			[stranger, 'POST', `/api/boards/${board.id}/files/copy`, 404],
			[stranger, 'PATCH', `/api/programmes/${programme.body.id}`, 404],
			[stranger, 'PATCH', '/api/templates/no-such-template', 404]
		];
		for (const [client, method, path, status] of cases) {
			const exchange = await rawRequest({
				baseUrl: server.url,
				method,
				path,
				headers: {
					...(client ? { cookie: client.cookie } : {}),
					origin: server.url,
					'content-type': 'application/json'
				},
				body: { contentLength: 1000, bytes: new Uint8Array(0) },
				timeoutMs: 5000
			});
			expect({ path, method, status: exchange.status }).toEqual({ path, method, status });
		}
	});

	it('answers 408 and closes when an upload stalls, storing nothing', async () => {
		const { server, facilitator, board } = await h.board(driver, {
			uploadIdleTimeoutMs: 300,
			uploadTimeoutMs: 5000
		});
		const exchange = await rawRequest({
			baseUrl: server.url,
			method: 'POST',
			path: `/api/boards/${board.id}/files`,
			headers: {
				cookie: facilitator.cookie,
				origin: facilitator.origin,
				'content-type': 'image/png'
			},
			// Declares 100 KB, sends 1 KB, then nothing.
			body: { contentLength: 100_000, bytes: pngOf(1024) }
		});
		expect(exchange.status).toBe(408);
		expect(jsonBody(exchange.body)).toMatchObject({ code: 'body_timeout' });
		expect(exchange.closedAfterMs).toBeLessThan(4000);
		expect(await storedFiles()).toEqual({ n: 0, bytes: 0 });
	});

	it('answers 408 when an upload trickles in slower than UPLOAD_TIMEOUT_MS allows, storing nothing', async () => {
		const { server, facilitator, board } = await h.board(driver, {
			uploadIdleTimeoutMs: 1000,
			uploadTimeoutMs: 1000
		});
		const exchange = await rawRequest({
			baseUrl: server.url,
			method: 'POST',
			path: `/api/boards/${board.id}/files`,
			headers: {
				cookie: facilitator.cookie,
				origin: facilitator.origin,
				'content-type': 'image/png'
			},
			// 100 bytes every 100 ms: never idle for long, but 100 KB would take 100 s.
			body: {
				contentLength: 100_000,
				bytes: pngOf(100_000),
				writeBytes: 100,
				intervalMs: 100,
				stopAtAnswer: true
			}
		});
		expect(exchange.status).toBe(408);
		expect(exchange.closedAfterMs).toBeLessThan(5000);
		expect(await storedFiles()).toEqual({ n: 0, bytes: 0 });
	});

	it('keeps a workshop’s images within MAX_UPLOAD_BYTES_PER_WORKSHOP (413), across its boards', async () => {
		const { facilitator, board } = await h.board(driver, {
			maxUploadBytes: 4000,
			maxUploadBytesPerWorkshop: 10_000
		});
		const workshopId = await workshopOf(board.id);
		const second = await facilitator.request<{ id: string }>(
			'POST',
			`/api/workshops/${workshopId}/boards`,
			{ title: 'Second tableau' }
		);
		expect(second.status).toBe(201);
		expect((await upload(facilitator, board.id, pngOf(4000))).status).toBe(201);
		expect((await upload(facilitator, second.body.id, pngOf(4000))).status).toBe(201);
		expect(await storedFiles()).toEqual({ n: 2, bytes: 8000 });
		// 2,000 bytes remain: a declared 3,000 is refused before reading, a streamed one while counting.
		const declared = await upload(facilitator, board.id, pngOf(3000));
		expect(declared).toMatchObject({ status: 413, body: { code: 'workshop_quota_exceeded' } });
		const chunked = await streamed(
			facilitator,
			`/api/boards/${second.body.id}/files`,
			pngOf(3000),
			'image/png'
		);
		expect(chunked).toMatchObject({ status: 413, body: { code: 'workshop_quota_exceeded' } });
		// The per-file limit still speaks for itself.
		const tooLarge = await upload(facilitator, board.id, pngOf(5000));
		expect(tooLarge).toMatchObject({ status: 413, body: { code: 'file_too_large' } });
		expect(await storedFiles()).toEqual({ n: 2, bytes: 8000 });
		// What still fits goes in; then the share is used up, copies included.
		expect((await upload(facilitator, board.id, pngOf(2000))).status).toBe(201);
		expect((await upload(facilitator, board.id, PNG)).body.code).toBe('workshop_quota_exceeded');
		expect(await storedFiles()).toEqual({ n: 3, bytes: 10_000 });
		// Another workshop has its own share.
		const other = await facilitator.createBoard('Autre atelier');
		expect((await upload(facilitator, other.id, pngOf(4000))).status).toBe(201);
	});

	it('refuses parallel uploads that would together pass the workshop’s share', async () => {
		const { facilitator, board } = await h.board(driver, {
			maxUploadBytes: 4000,
			maxUploadBytesPerWorkshop: 10_000
		});
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => upload(facilitator, board.id, pngOf(4000)))
		);
		const statuses = answers.map((answer) => answer.status).sort();
		expect(statuses).toEqual([201, 201, 413, 413, 413]);
		expect(await storedFiles()).toEqual({ n: 2, bytes: 8000 });
	});
});

describe.each(DRIVERS)('bounded socket.io payloads (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('refuses a deeply nested payload within MAX_SOCKETIO_MESSAGE_BYTES by its schema, and the socket stays', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const socket = socketIoClient(h, server, facilitator.cookie) as unknown as {
			emit(event: string, payload: unknown, ack: (result: JoinBoardAck) => void): void;
		};
		let nested: unknown = board.id;
		for (let i = 0; i < 3000; i++) nested = [nested];
		const join = (payload: unknown) =>
			new Promise<JoinBoardAck>((resolve) => socket.emit('board:join', payload, resolve));
		expect(await join({ boardId: nested })).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await join({ boardId: board.id })).toMatchObject({ ok: true });
	});
});
