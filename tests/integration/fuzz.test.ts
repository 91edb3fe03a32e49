import { count } from 'drizzle-orm';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/app.ts';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import {
	boardTemplates,
	boards,
	files,
	sessions,
	users,
	workshopEvents
} from '../../src/lib/server/db/schema.ts';
import type { JoinBoardAck } from '../../src/lib/shared/socket-events.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import {
	awarenessFrame,
	socketIoClient,
	storedUpdateCount,
	syncFrame,
	testSeed,
	updateFrame,
	updateOf,
	type ClientSocket
} from './fuzz-support.ts';
import {
	Harness,
	RawSocket,
	db,
	joinAsGuest,
	ticketFor,
	upgradeStatus,
	warmUp,
	wsBase
} from './support.ts';
import WebSocket from 'ws';

const WAIT = { timeout: 10_000, interval: 20 };
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Runs per property: enough to find the classic mistakes, short enough for `npm test`. */
const RUNS = Number(process.env.FUZZ_RUNS) || 60;

/** Text that has broken servers before: SQL, markup, control and odd Unicode, extremes. */
const NASTY_TEXT = [
	"'; drop table users; --",
	'Robert"); DELETE FROM boards WHERE ("1"="1',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'{{7*7}} ${7*7} %s %n',
	'../../etc/passwd',
	'..\\..\\windows\\win.ini',
	'nul\u0000byte',
	'lone \uD800 surrogate',
	'\u202Eevil right-to-left',
	'zero\u200Bwidth',
	'e\u0301\u0301\u0301 combining',
	'👩‍👩‍👧‍👦 family',
	'Ω≈ç√∫˜µ≤≥÷',
	'   ',
	'\t\n\r',
	'x'.repeat(10_000)
];

const nastyText = fc.oneof(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: 'binary' }));

function varUintFrame(parts: Array<number | Uint8Array>): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

const realUpdate = updateOf((doc) => createSticky(doc, { x: 1, y: 2, text: 'Une idée' }));

/** Frames that must never change the board: broken, lying, unknown or oversized. */
const hostileFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
	fc.uint8Array({ maxLength: 512 }),
	fc
		.tuple(fc.constantFrom<0 | 1 | 2>(0, 1, 2), fc.uint8Array({ minLength: 1, maxLength: 256 }))
		.map(([type, payload]) => syncFrame(type, payload)),
	fc
		.integer({ min: 1, max: realUpdate.length - 1 })
		.map((cut) => updateFrame(realUpdate.subarray(0, cut))),
	fc
		.tuple(fc.integer({ min: 1_000_000, max: 2 ** 31 }), fc.uint8Array({ maxLength: 64 }))
		.map(([length, bytes]) => varUintFrame([0, 2, length, bytes])),
	fc
		.tuple(fc.integer({ min: 2 ** 20, max: 2 ** 31 }), fc.uint8Array({ maxLength: 64 }))
		.map(([claims, bytes]) => awarenessFrame(varUintFrame([claims, bytes]))),
	fc.uint8Array({ maxLength: 256 }).map((payload) => awarenessFrame(payload)),
	fc
		.tuple(fc.integer({ min: 4, max: 2 ** 20 }), fc.uint8Array({ maxLength: 64 }))
		.map(([type, bytes]) => varUintFrame([type, bytes])),
	fc
		.integer({ min: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES * 2 })
		.map((size) => new Uint8Array(size))
);

/** Sends `frame`, then a sync step 1: resolves once the server answered it or closed the socket. */
async function probe(server: RunningServer, boardId: string, ticket: string, frame: Uint8Array) {
	const ws = new WebSocket(`${wsBase(server)}/yjs/${boardId}?ticket=${ticket}`);
	const raw = new RawSocket(ws);
	await raw.opened;
	const before = raw.messages.length;
	raw.send(frame);
	raw.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
	const answered = new Promise<'answered'>((resolve) => {
		const check = () => {
			// The step 2 answer to our step 1 starts with [0, 1].
			if (raw.messages.slice(before).some((m) => m[0] === 0 && m[1] === 1)) resolve('answered');
		};
		ws.on('message', check);
		check();
	});
	const outcome = await Promise.race([answered, raw.closed]);
	ws.terminate();
	return outcome;
}

async function rowCounts() {
	const [u] = await db().select({ n: count() }).from(users);
	const [b] = await db().select({ n: count() }).from(boards);
	const [s] = await db().select({ n: count() }).from(sessions);
	const [e] = await db().select({ n: count() }).from(workshopEvents);
	const [t] = await db().select({ n: count() }).from(boardTemplates);
	return { users: u?.n, boards: b?.n, sessions: s?.n, events: e?.n, templates: t?.n };
}

describe.each(DRIVERS)('bad input (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver));
	afterEach(() => h.cleanup());

	it('hostile y-websocket frames close only their connection; the board, its store and the others are untouched', async () => {
		const seed = testSeed('yjs frames');
		const { server, facilitator, board } = await h.board(driver, {
			maxMessageBytes: MAX_MESSAGE_BYTES
		});
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(a.doc, { x: 0, y: 0, text: 'Avant' });
		await vi.waitFor(() => expect(listItems(b.doc)).toHaveLength(1), WAIT);
		await vi.waitFor(async () => expect(await storedUpdateCount(board.id)).toBe(1), WAIT);
		const before = JSON.stringify(listItems(a.doc));
		// The probe itself: a harmless frame (a request for awareness) is answered.
		const sane = await probe(
			server,
			board.id,
			await ticketFor(guest, board.id),
			new Uint8Array([3])
		);
		expect(sane).toBe('answered');
		let closed = 0;
		let tried = 0;
		await fc.assert(
			fc.asyncProperty(hostileFrame, async (frame) => {
				tried++;
				const ticket = await ticketFor(guest, board.id);
				if ((await probe(server, board.id, ticket, frame)) !== 'answered') closed++;
			}),
			{ seed, numRuns: RUNS }
		);
		console.info(`[yjs frames] ${tried} hostile frames, ${closed} connections closed`);
		expect(JSON.stringify(listItems(b.doc))).toBe(before);
		expect(await storedUpdateCount(board.id)).toBe(1);
		expect([...a.closeCodes, ...b.closeCodes]).toEqual([]);
		const fresh = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		expect(JSON.stringify(listItems(fresh.doc))).toBe(before);
	});

	it('mutated real updates are either applied everywhere or refused, and every client converges', async () => {
		const seed = testSeed('mutated updates');
		const { server, facilitator, board } = await h.board(driver);
		const a = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		const ticket = () => ticketFor(facilitator, board.id);
		const mutated = fc
			.array(fc.tuple(fc.nat(realUpdate.length - 1), fc.integer({ min: 0, max: 255 })), {
				minLength: 1,
				maxLength: 4
			})
			.map((flips) => {
				const copy = updateOf((doc) => createSticky(doc, { x: 1, y: 2, text: 'Une idée' }));
				for (const [at, value] of flips) copy[at] = value;
				return updateFrame(copy);
			});
		await fc.assert(
			fc.asyncProperty(mutated, async (frame) => {
				await probe(server, board.id, await ticket(), frame);
			}),
			{ seed, numRuns: RUNS }
		);
		const fresh = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
		await vi.waitFor(
			() => expect(JSON.stringify(listItems(a.doc))).toBe(JSON.stringify(listItems(fresh.doc))),
			WAIT
		);
		expect(a.closeCodes).toEqual([]);
	});

	it('an awareness flood is dropped beyond the rate: the flooder gains nothing, the others stay connected', async () => {
		const { server, facilitator, board } = await h.board(driver, {
			awarenessMessagesPerSecond: 10
		});
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul', 'usager');
		const b = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		let relayed = 0;
		b.provider.awareness.on('change', () => relayed++);
		const raw = await h.rawSocket(server, board.id, { cookie: facilitator.cookie });
		const FLOOD = 2000;
		for (let clock = 1; clock <= FLOOD; clock++) {
			const state = JSON.stringify({ cursor: { x: clock, y: 0 } });
			raw.send(
				awarenessFrame(
					varUintFrame([1, 4242, clock, state.length, new TextEncoder().encode(state)])
				)
			);
		}
		// Frames of one socket are handled in order: once this is answered, the flood was handled.
		raw.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
		await vi.waitFor(
			() => expect(raw.messages.some((m) => m[0] === 0 && m[1] === 1)).toBe(true),
			WAIT
		);
		const answer = await probe(
			server,
			board.id,
			await ticketFor(guest, board.id),
			new Uint8Array([3])
		);
		expect(answer).toBe('answered');
		console.info(`[awareness flood] ${FLOOD} cursor messages sent, ${relayed} relayed`);
		expect(relayed).toBeLessThan(FLOOD / 10);
		expect(b.closeCodes).toEqual([]);
	});

	it('unknown socket.io events and payloads of the wrong shape change nothing and leave others connected', async () => {
		const seed = testSeed('socket.io');
		const { server, facilitator, board } = await h.board(driver);
		const join = (socket: ClientSocket, boardId: string) =>
			new Promise<JoinBoardAck>((resolve) => socket.emit('board:join', { boardId }, resolve));
		const calm = socketIoClient(h, server, facilitator.cookie);
		expect(await join(calm, board.id)).toMatchObject({ ok: true });
		const counts = await rowCounts();
		const loud = socketIoClient(h, server, facilitator.cookie) as unknown as {
			emit(event: string, ...args: unknown[]): void;
			connected: boolean;
		};
		const event = fc.oneof(fc.constantFrom('board:join', 'board:leave'), fc.string());
		await fc.assert(
			fc.asyncProperty(event, fc.anything(), fc.boolean(), async (name, payload, withAck) => {
				if (!loud.connected || ['connect', 'disconnect', 'connect_error'].includes(name)) return;
				if (name === 'board:join' && typeof payload === 'object' && payload !== null) {
					if ('boardId' in payload && payload.boardId === board.id) return;
				}
				if (withAck) {
					await new Promise<void>((resolve) => {
						const timer = setTimeout(resolve, 200);
						loud.emit(name, payload, () => (clearTimeout(timer), resolve()));
					});
				} else loud.emit(name, payload);
			}),
			{ seed, numRuns: RUNS }
		);
		expect(await join(calm, board.id)).toMatchObject({ ok: true, people: [expect.anything()] });
		expect(await rowCounts()).toEqual(counts);
	});

	it('JSON API bodies of the wrong type get a 4xx and create nothing', async () => {
		const seed = testSeed('api bodies');
		const { server, facilitator, board } = await h.board(driver);
		const counts = await rowCounts();
		const anonymous = new ApiClient(server.url);
		const code = new URL(board.joinUrl).pathname.split('/').pop();
		// Each route with the fields it requires; one of them gets a value of the wrong type.
		const routes: Array<[ApiClient, string, string[]]> = [
			[anonymous, '/api/auth/signup', ['name', 'email', 'password']],
			[anonymous, '/api/auth/login', ['email', 'password']],
			[facilitator, '/api/boards', ['title']],
			[facilitator, `/api/boards/${board.id}/save-as-template`, ['title']],
			[anonymous, `/api/join/${code}`, ['name', 'category']]
		];
		const notString = fc.anything().filter((value) => typeof value !== 'string');
		const wrong = fc.oneof(
			notString.map((body) => () => body),
			fc
				.tuple(fc.dictionary(fc.string(), fc.anything()), fc.nat(), notString)
				.map(([extra, pick, bad]) => (required: string[]) => {
					const body: Record<string, unknown> = { ...extra };
					for (const key of required) body[key] = 'Valeur plausible';
					body[required[pick % required.length] ?? 'name'] = bad;
					return body;
				})
		);
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...routes),
				wrong,
				async ([client, path, required], make) => {
					const body = make(required);
					const { status } = await client.request('POST', path, body);
					statuses.set(status, (statuses.get(status) ?? 0) + 1);
					expect(status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
					expect(status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
				}
			),
			{ seed, numRuns: RUNS }
		);
		console.info(`[api bodies] statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
		expect(await rowCounts()).toEqual(counts);
	});

	it('traversal and odd ids in paths are answered with a redirect or a 4xx, never a 5xx', async () => {
		const seed = testSeed('paths');
		const { server, facilitator, board } = await h.board(driver);
		const segment = fc.oneof(
			fc.constantFrom(
				'..',
				'../..',
				'..%2F..%2Fetc%2Fpasswd',
				'%2e%2e',
				'..\\..',
				'%00',
				'a'.repeat(300)
			),
			fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => encodeURIComponent(text))
		);
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(segment, async (id) => {
				const yjs = await upgradeStatus(server, `/yjs/${id}`, {
					headers: { cookie: facilitator.cookie }
				}).catch(() => 0);
				expect([0, 400, 403, 404]).toContain(yjs);
				const paths = [
					`/api/boards/${id}`,
					`/api/boards/${id}/ticket`,
					`/api/boards/${board.id}/files/${id}`
				];
				for (const path of paths) {
					const method = path.endsWith('ticket') ? 'POST' : 'GET';
					const response = await fetch(server.url + path, {
						method,
						headers: { cookie: facilitator.cookie, origin: server.url },
						redirect: 'manual'
					});
					statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
					expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(300);
					expect(response.status, `${method} ${path}`).toBeLessThan(500);
				}
			}),
			{ seed, numRuns: RUNS }
		);
		console.info(`[paths] statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
	});

	it('a 50 MB upload is cut off with a 413, nothing stored, and the server keeps serving', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const body = new Uint8Array(50 * 1024 * 1024);
		body.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // a PNG signature, then zeros
		const response = await fetch(`${server.url}/api/boards/${board.id}/files`, {
			method: 'POST',
			headers: {
				cookie: facilitator.cookie,
				origin: server.url,
				'content-type': 'application/octet-stream'
			},
			body
		}).catch((error: unknown) => ({ status: 0, error }));
		// The server may answer 413 or cut the connection while the body still streams in.
		expect([0, 413]).toContain(response.status);
		expect(await db().select({ n: count() }).from(files)).toEqual([{ n: 0 }]);
		expect((await facilitator.request('GET', '/api/boards')).status).toBe(200);
	});

	it('SQL, markup and odd Unicode in names and titles are refused with a 400 or stored exactly', async () => {
		const seed = testSeed('text fields');
		const { server, facilitator } = await h.board(driver);
		await fc.assert(
			fc.asyncProperty(nastyText, nastyText, async (name, title) => {
				const person = new ApiClient(server.url);
				const email = `p${Math.random().toString(36).slice(2)}@example.org`;
				const signUp = await person.request('POST', '/api/auth/signup', {
					name,
					email,
					password: 'correct horse battery staple'
				});
				expect([202, 400]).toContain(signUp.status);
				const created = await facilitator.request<{ id: string }>('POST', '/api/boards', { title });
				expect([201, 400]).toContain(created.status);
				if (created.status !== 201) return;
				const listed = await facilitator.request<{ boards: Array<{ id: string; title: string }> }>(
					'GET',
					'/api/boards'
				);
				const stored = listed.body.boards.find((item) => item.id === created.body.id);
				expect(stored?.title).toBe(title.trim());
			}),
			{ seed, numRuns: RUNS }
		);
		expect((await facilitator.request('GET', '/api/boards')).status).toBe(200);
	});
});
