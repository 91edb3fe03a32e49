import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, itemText, listItems } from '../../src/lib/board/schema.ts';
import { CloseCode } from '../../src/lib/shared/close-codes.ts';
import type {
	ClientToServerEvents,
	PresencePerson,
	ServerToClientEvents
} from '../../src/lib/shared/socket-events.ts';
import type { LiveRunState } from '../../src/lib/shared/facilitation.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { childStorage, freePort, killHard, startChildServer, stopChild } from './faults-support.ts';
import { facilitationClient } from './facilitation-support.ts';
import {
	PrivateRedis,
	locateServices,
	requiredServices,
	startBalancer,
	uniquePrefix,
	type Balancer
} from './instances-support.ts';
import { Harness, joinAsGuest, seededRandom, type TestProvider } from './support.ts';
import { testSeed } from './fuzz-support.ts';

/**
 * Several instances on one PostgreSQL database and one Redis (issue 6), and Redis going away
 * (issue 7). Every instance is a real child process (`node build/croisee-server.js`, as `npm start` runs it);
 * clients are stock y-websocket providers and socket.io clients over real sockets.
 */

const WAIT = { timeout: 30_000, interval: 50 };
/** Time for a test that starts server processes (slow on a loaded machine). */
const TEST_TIMEOUT_MS = 240_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const METRICS_TOKEN = 'metrics-test-token';

/** The value of a metric (summed over its labels) in `/metrics` of `url`. */
async function metricOf(url: string, name: string): Promise<number> {
	const response = await fetch(`${url}/metrics`, {
		headers: { authorization: `Bearer ${METRICS_TOKEN}` }
	});
	expect(response.status).toBe(200);
	const text = await response.text();
	let sum = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
			sum += Number(line.slice(line.lastIndexOf(' ') + 1));
		}
	}
	return sum;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The item ids and texts of a document, sorted (what "the same board" means to a person). */
function contentOf(doc: Y.Doc): string {
	const items = listItems(doc).map((item) => `${item.id}:${item.text}`);
	return JSON.stringify(items.sort());
}

function expectConverged(docs: Y.Doc[]): void {
	const [first, ...rest] = docs.map(contentOf);
	for (const other of rest) expect(other).toBe(first);
}

/** null when neither the variables nor the local services are there: the suite says so and skips. */
const services = await locateServices();

describe.runIf(services !== null)('several instances (PostgreSQL + Redis)', () => {
	const h = new Harness();
	afterEach(() => h.cleanup());

	/** Two instances on one fresh database, sharing `redisUrl` under a prefix of their own. */
	async function twoInstances(redisUrl = requiredServices().redisUrl) {
		const storage = await childStorage('postgres', requiredServices().databaseUrl);
		h.defer(() => storage.destroy());
		const env = {
			...storage.env,
			REDIS_URL: redisUrl,
			REDIS_PREFIX: uniquePrefix(),
			METRICS_TOKEN
		};
		const [portA, portB] = [await freePort(), await freePort()];
		const start = async (port: number) => {
			const child = await startChildServer(port, env);
			h.defer(() => stopChild(child));
			return child;
		};
		// One after the other: the first migrates the database.
		const a = await start(portA);
		const b = await start(portB);
		const facilitator = new ApiClient(a.server.url);
		await facilitator.signUp('Fatima Facilitatrice');
		const board = await facilitator.createBoard('Atelier multi-instances');
		return { a, b, facilitator, board, start };
	}

	async function balancer(ports: number[]): Promise<Balancer> {
		const started = await startBalancer(ports);
		h.defer(() => started.close());
		return started;
	}

	function socketClient(server: { url: string }, cookie: string): ClientSocket {
		const socket: ClientSocket = io(server.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie },
			reconnection: false
		});
		h.defer(() => socket.disconnect());
		return socket;
	}

	it(
		'clients on two instances converge after every edit, and cursors cross instances',
		async () => {
			const { a, b, facilitator, board } = await twoInstances();
			const guest = await joinAsGuest(b.server, board.joinUrl, 'Paul Usager', 'usager');
			const clients = [
				await h.syncedProvider(a.server, board.id, { cookie: facilitator.cookie }),
				await h.syncedProvider(b.server, board.id, { cookie: guest.cookie }),
				await h.syncedProvider(a.server, board.id, { cookie: guest.cookie }),
				await h.syncedProvider(b.server, board.id, { cookie: facilitator.cookie })
			];
			const docs = clients.map((client) => client.doc);
			const random = seededRandom(testSeed('instances converge'));
			const notes: Array<{ id: string; doc: Y.Doc }> = [];
			for (let edit = 0; edit < 16; edit++) {
				const author = clients[edit % clients.length] as TestProvider;
				const own = notes.filter((note) => note.doc === author.doc);
				const target = own[Math.floor(random() * own.length)];
				if (target && random() < 0.5) itemText(author.doc, target.id)?.insert(0, `e${edit} `);
				else {
					// Clients 1 and 2 are the usager's; 0 and 3 the facilitator's (no category).
					const category = (edit % clients.length) % 3 === 0 ? null : 'usager';
					const id = createSticky(author.doc, {
						x: edit * 10,
						y: 0,
						text: `note ${edit}`,
						category
					});
					notes.push({ id, doc: author.doc });
				}
				await vi.waitFor(() => expectConverged(docs), WAIT);
			}
			expect(listItems(docs[1] as Y.Doc).length).toBe(notes.length);

			const [onA, onB] = clients as [TestProvider, TestProvider];
			onA.provider.awareness.setLocalStateField('cursor', { x: 12, y: 34 });
			await vi.waitFor(() => {
				const seen = onB.provider.awareness.getStates().get(onA.doc.clientID);
				expect(seen?.cursor).toEqual({ x: 12, y: 34 });
				expect(seen?.user?.name).toBe('Fatima Facilitatrice');
			}, WAIT);
			expect(clients.flatMap((client) => client.closeCodes)).toEqual([]);

			// What an operator sees: each instance counts its own stored updates and the others'.
			expect(await metricOf(a.server.url, 'croisee_updates_stored_total')).toBeGreaterThan(0);
			expect(await metricOf(b.server.url, 'croisee_updates_remote_total')).toBeGreaterThan(0);
			expect(await metricOf(b.server.url, 'croisee_yjs_connections')).toBe(2);
			expect(await metricOf(a.server.url, 'croisee_open_boards')).toBe(1);
			expect(await metricOf(a.server.url, 'croisee_fanout_latency_seconds_count')).toBeGreaterThan(
				0
			);
			const anonymous = await fetch(`${a.server.url}/metrics`);
			expect(anonymous.status).toBe(401);
			expect(await anonymous.json()).toMatchObject({ code: 'unauthorized' });
		},
		TEST_TIMEOUT_MS
	);

	it(
		'socket.io presence, the timer, locks and sign-out everywhere reach clients on both instances',
		async () => {
			const { a, b, facilitator, board } = await twoInstances();
			// Paul's HTTP requests go to instance A, his sockets to instance B.
			const guest = await joinAsGuest(a.server, board.joinUrl, 'Paul Usager', 'usager');
			const fatima = socketClient(a.server, facilitator.cookie);
			const paul = socketClient(b.server, guest.cookie);
			const presence: PresencePerson[][] = [];
			const states: LiveRunState[] = [];
			paul.on('presence', ({ people }) => presence.push(people));
			paul.on('run:state', (state) => states.push(state));
			expect((await fatima.emitWithAck('board:join', { boardId: board.id })).ok).toBe(true);
			expect((await paul.emitWithAck('board:join', { boardId: board.id })).ok).toBe(true);
			await vi.waitFor(() => {
				const names = presence.at(-1)?.map((person) => person.name);
				expect(names).toEqual(['Fatima Facilitatrice', 'Paul Usager']);
			}, WAIT);

			expect((await fatima.emitWithAck('facilitation:join', { boardId: board.id })).ok).toBe(true);
			expect((await paul.emitWithAck('facilitation:join', { boardId: board.id })).ok).toBe(true);
			const started = await fatima.emitWithAck('timer:start', { boardId: board.id, seconds: 90 });
			expect(started.ok).toBe(true);
			await vi.waitFor(() => expect(states.at(-1)?.timer.running).toBe(true), WAIT);

			const watcher = await h.syncedProvider(b.server, board.id, { cookie: guest.cookie });
			const writer = await h.syncedProvider(b.server, board.id, { cookie: guest.cookie });
			const lock = { boardId: board.id, targetId: '', locked: true };
			expect((await fatima.emitWithAck('lock:set', lock)).ok).toBe(true);
			await sleep(300); // the lock crosses to instance B
			createSticky(writer.doc, { x: 0, y: 0, text: 'Pendant le verrou', category: 'usager' });
			await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.Locked), WAIT);

			expect((await guest.request('POST', '/api/auth/logout-all')).status).toBeLessThan(400);
			await vi.waitFor(() => {
				expect(watcher.closeCodes).toContain(CloseCode.Forbidden);
				expect(paul.connected).toBe(false);
			}, WAIT);
		},
		TEST_TIMEOUT_MS
	);

	it(
		'hands, the spotlight and a silent brainstorm hold across instances, also for one that starts later',
		async () => {
			const { a, b, facilitator, board, start } = await twoInstances();
			const guest = await joinAsGuest(a.server, board.joinUrl, 'Paul Usager', 'usager');
			const joined = async (server: { url: string }, cookie: string) => {
				const socket = socketClient(server, cookie);
				expect((await socket.emitWithAck('board:join', { boardId: board.id })).ok).toBe(true);
				const ack = await socket.emitWithAck('facilitation:join', { boardId: board.id });
				if (!ack.ok) throw new Error(`facilitation:join refused: ${ack.reason}`);
				return { socket, ack };
			};
			const fatima = await joined(a.server, facilitator.cookie);
			const paul = await joined(b.server, guest.cookie);
			const yours: boolean[] = [];
			paul.socket.on('hand:yours', ({ raised }) => yours.push(raised));
			const boardId = board.id;
			expect(await fatima.socket.emitWithAck('brainstorm:set', { boardId, on: true })).toEqual({
				ok: true
			});
			expect(await fatima.socket.emitWithAck('spotlight:set', { boardId, itemId: 'x1' })).toEqual({
				ok: true
			});
			expect(await paul.socket.emitWithAck('hand:set', { boardId, raised: true })).toEqual({
				ok: true
			});
			await vi.waitFor(() => expect(yours).toEqual([true]), WAIT);

			// Paul's draft, sent to instance B, finds the brainstorm that instance A turned on.
			const draft = new Y.Doc();
			createSticky(draft, { x: 0, y: 0, text: 'Idée privée' });
			const update = Y.encodeStateAsUpdate(draft);
			await vi.waitFor(async () => {
				expect(await paul.socket.emitWithAck('draft:update', { boardId, update })).toEqual({
					ok: true
				});
			}, WAIT);

			// A facilitator arriving on A sees the hand raised on B; Paul on B sees A's spotlight.
			await vi.waitFor(async () => {
				const other = await joined(a.server, facilitator.cookie);
				expect(other.ack.hands.map((hand) => hand.name)).toEqual(['Paul Usager']);
				other.socket.disconnect();
			}, WAIT);
			const again = await joined(b.server, guest.cookie);
			expect(again.ack).toMatchObject({ spotlight: 'x1', brainstorm: true, handRaised: true });

			// An instance started now asks the others for the state.
			const c = await start(await freePort());
			const late = await joined(c.server, facilitator.cookie);
			expect(late.ack.hands.map((hand) => hand.name)).toEqual(['Paul Usager']);
			expect(late.ack).toMatchObject({ spotlight: 'x1', brainstorm: true });
		},
		TEST_TIMEOUT_MS
	);

	it(
		'SIGKILL of one instance while clients edit: they reconnect to the other and nothing is lost',
		async () => {
			const { a, b, facilitator, board } = await twoInstances();
			// Each client goes through a plain TCP balancer preferring "its" instance.
			const toA = await balancer([a.server.port, b.server.port]);
			const toB = await balancer([b.server.port, a.server.port]);
			const random = seededRandom(testSeed('instances sigkill'));
			const editors: Array<{ client: TestProvider; created: string[] }> = [];
			for (let i = 0; i < 8; i++) {
				const person = await joinAsGuest(b.server, board.joinUrl, `Personne ${i}`, 'usager');
				const via = i % 2 === 0 ? toA.server : toB.server;
				const client = await h.syncedProvider(via, board.id, { cookie: person.cookie });
				editors.push({ client, created: [] });
			}
			const timer = setInterval(() => {
				const editor = editors[Math.floor(random() * editors.length)];
				if (!editor) return;
				const { doc } = editor.client;
				const note = { x: random() * 1000, y: 0, text: 'idée', category: 'usager' };
				editor.created.push(createSticky(doc, note));
			}, 15);
			try {
				await sleep(1500);
				await killHard(a);
				await sleep(1500);
			} finally {
				clearInterval(timer);
			}
			const created = editors.flatMap((editor) => editor.created).sort();
			const observer = await h.syncedProvider(b.server, board.id, { cookie: facilitator.cookie });
			const docs = [observer.doc, ...editors.map((editor) => editor.client.doc)];
			// Should a note go missing, the editors' close codes say which refusal lost it.
			const codes = () => editors.map((editor) => editor.client.closeCodes.join('+')).join(' ');
			await vi.waitFor(() => {
				expect(
					listItems(observer.doc)
						.map((item) => item.id)
						.sort(),
					`close codes: ${codes()}`
				).toEqual(created);
				expectConverged(docs);
			}, WAIT);
			expect(created.length).toBeGreaterThan(50);
			const restarted = editors.filter((editor) => editor.client.closeCodes.length > 0);
			expect(restarted.length).toBeGreaterThan(0);
			await stopChild(b);
			expect(b.output()).not.toMatch(/"level":(50|60)/);
		},
		TEST_TIMEOUT_MS
	);

	it(
		'SIGTERM: the instance stores everything, closes its sockets with 4503, and its clients move to the other',
		async () => {
			const { a, b, facilitator, board } = await twoInstances();
			const toA = await balancer([a.server.port, b.server.port]);
			const onA = await h.syncedProvider(toA.server, board.id, { cookie: facilitator.cookie });
			const onB = await h.syncedProvider(b.server, board.id, { cookie: facilitator.cookie });
			for (let i = 0; i < 20; i++) createSticky(onA.doc, { x: i, y: 0, text: `avant ${i}` });
			await stopChild(a);
			expect(await a.exited).toBe(0);
			expect(onA.closeCodes).toContain(CloseCode.Restarting);
			expect(a.output()).not.toMatch(/"level":(50|60)/);
			createSticky(onA.doc, { x: 0, y: 100, text: 'après' });
			await vi.waitFor(() => {
				expect(listItems(onB.doc)).toHaveLength(21);
				expectConverged([onA.doc, onB.doc]);
			}, WAIT);
		},
		TEST_TIMEOUT_MS
	);

	it(
		'a person’s private drafts sent to two instances at once keep every idea, and one reveal brings them all',
		async () => {
			const { a, b, facilitator, board } = await twoInstances();
			const boardId = board.id;
			const guest = await joinAsGuest(a.server, board.joinUrl, 'Paul Usager', 'usager');
			const fatima = await facilitationClient(h, a.server, facilitator.cookie, boardId);
			const tabs = [
				await facilitationClient(h, a.server, guest.cookie, boardId),
				await facilitationClient(h, b.server, guest.cookie, boardId)
			];
			expect(await fatima.socket.emitWithAck('brainstorm:set', { boardId, on: true })).toEqual({
				ok: true
			});
			// 40 ideas, each its own update, sent alternately through A and B, all at once: each
			// instance reads the draft, adds its idea and writes it back.
			const ideas = Array.from({ length: 40 }, (_, i) => `Idée ${i}`);
			const acks = await Promise.all(
				ideas.map((text, i) => {
					const doc = new Y.Doc();
					createSticky(doc, { x: i * 10, y: 0, text, category: 'usager' });
					const update = Y.encodeStateAsUpdate(doc);
					return tabs[i % 2]!.socket.emitWithAck('draft:update', { boardId, update });
				})
			);
			expect(acks.every((ack) => ack.ok)).toBe(true);
			const mine = new Y.Doc();
			const state = await tabs[1]!.socket.emitWithAck('draft:sync', { boardId });
			Y.applyUpdate(mine, new Uint8Array(state));
			expect(
				listItems(mine)
					.map((item) => item.text)
					.sort()
			).toEqual([...ideas].sort());
			// Each tab was sent the other tab's changes, across instances, and never its own.
			for (const [i, tab] of tabs.entries()) {
				await vi.waitFor(() => expect(tab.received.get('draft:update')).toHaveLength(20), WAIT);
				const relayed = new Y.Doc();
				const payloads = tab.received.get('draft:update') as Array<{ update: ArrayBuffer }>;
				for (const payload of payloads) Y.applyUpdate(relayed, new Uint8Array(payload.update));
				const texts = listItems(relayed).map((item) => item.text);
				expect(texts.sort()).toEqual(ideas.filter((_, n) => n % 2 !== i).sort());
			}

			expect(await fatima.socket.emitWithAck('brainstorm:reveal', { boardId })).toEqual({
				ok: true
			});
			const shared = await h.syncedProvider(b.server, boardId, { cookie: facilitator.cookie });
			await vi.waitFor(() => expect(listItems(shared.doc)).toHaveLength(ideas.length), WAIT);
			// Once revealed, a late draft change on the other instance is refused, not kept.
			const late = new Y.Doc();
			createSticky(late, { x: 0, y: 500, text: 'Trop tard', category: 'usager' });
			const update = Y.encodeStateAsUpdate(late);
			expect(await tabs[1]!.socket.emitWithAck('draft:update', { boardId, update })).toEqual({
				ok: false,
				reason: 'conflict'
			});
		},
		TEST_TIMEOUT_MS
	);

	it(
		'Redis goes away: each instance keeps serving its own clients, and cross-instance sync resumes after',
		async () => {
			const redis = await PrivateRedis.start();
			h.defer(() => redis.stop());
			const { a, b, facilitator, board } = await twoInstances(redis.url);
			const guest = await joinAsGuest(a.server, board.joinUrl, 'Paul Usager', 'usager');
			const a1 = await h.syncedProvider(a.server, board.id, { cookie: facilitator.cookie });
			const a2 = await h.syncedProvider(a.server, board.id, { cookie: guest.cookie });
			const b1 = await h.syncedProvider(b.server, board.id, { cookie: facilitator.cookie });
			const b2 = await h.syncedProvider(b.server, board.id, { cookie: guest.cookie });
			createSticky(a1.doc, { x: 0, y: 0, text: 'avant la panne' });
			await vi.waitFor(() => expectConverged([a1.doc, a2.doc, b1.doc, b2.doc]), WAIT);

			await redis.stop();
			createSticky(a1.doc, { x: 0, y: 100, text: 'sur A pendant la panne' });
			createSticky(b1.doc, { x: 0, y: 200, text: 'sur B pendant la panne' });
			await vi.waitFor(() => {
				expect(listItems(a2.doc)).toHaveLength(2);
				expect(listItems(b2.doc)).toHaveLength(2);
			}, WAIT);

			await redis.resume();
			await vi.waitFor(() => {
				expect(listItems(a2.doc)).toHaveLength(3);
				expectConverged([a1.doc, a2.doc, b1.doc, b2.doc]);
			}, WAIT);
			createSticky(b2.doc, { x: 0, y: 300, text: 'après la panne', category: 'usager' });
			await vi.waitFor(() => {
				expect(listItems(a1.doc)).toHaveLength(4);
				expectConverged([a1.doc, a2.doc, b1.doc, b2.doc]);
			}, WAIT);
			expect([a1, a2, b1, b2].flatMap((client) => client.closeCodes)).toEqual([]);
		},
		TEST_TIMEOUT_MS
	);
});
