import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { countItems } from '../../../src/lib/board/schema.ts';
import type { Endpoint, IdleSpec, JoinResult, JoinSpec } from '../shared.ts';
import {
	CONNECT_TIMEOUT_MS,
	awarenessState,
	closeAll,
	connectCrowd,
	randomClientId,
	sleep
} from './crowd.ts';
import type { Mark } from './fanout.ts';
import { LeanClient } from './lean-client.ts';
import { TAG_KIND, makeTag, nowUs, scanTags } from './tags.ts';
import { joinWithStockProvider } from './stock-join.ts';
import { populateChunk } from './writer.ts';

/** Connects one client that syncs into a fresh document; returns it with its join time. */
async function joinOnce(endpoint: Endpoint, index: number, timeoutMs: number) {
	const doc = new Y.Doc();
	const client = new LeanClient({ endpoint, index, doc, applySync: true });
	const started = performance.now();
	await client.connect(timeoutMs);
	return { client, doc, ms: performance.now() - started };
}

/** Connects `count` silent clients, each publishing one awareness state. */
function connectIdle(endpoint: Endpoint, count: number) {
	return connectCrowd({
		count,
		first: 1,
		options: (index) => ({ endpoint, index }),
		onConnected: (client) => {
			const json = awarenessState({ index: client.index, category: client.category });
			client.send(client.framer.awareness({ clientId: randomClientId(), clock: 1, json }));
		}
	});
}

/**
 * Idle connections: one anchor client keeps the board loaded; a first round of `clients`
 * connects and leaves (warming the server's caches and pools), then the baseline is taken (mark
 * `baseline`), then `clients` connect, sync, publish one awareness state each and stay silent
 * (mark `loaded`).
 */
export async function runIdle(spec: IdleSpec, mark: Mark): Promise<{ connected: number }> {
	const { endpoint } = spec;
	const anchor = new LeanClient({ endpoint, index: 0 });
	await anchor.connect(CONNECT_TIMEOUT_MS);
	try {
		await closeAll((await connectIdle(endpoint, spec.clients)).clients);
		await sleep(spec.settleMs);
		await mark('baseline');
		const crowd = await connectIdle(endpoint, spec.clients);
		await sleep(spec.settleMs);
		await mark('loaded');
		await closeAll(crowd.clients);
		return { connected: crowd.clients.length };
	} finally {
		await anchor.close();
	}
}

/**
 * Fills a board with `items` sticky notes, sent in chunks by one client; a second client waits
 * until the server has relayed the last chunk (so the server applied them all). Returns that
 * second client, left connected so the board stays loaded.
 */
async function populate(
	spec: JoinSpec
): Promise<{ anchor: LeanClient; bytes: number; ms: number }> {
	const { endpoint } = spec;
	const chunks = Math.ceil(spec.items / spec.itemsPerChunk);
	let seen = -1;
	const anchor = new LeanClient({
		endpoint,
		index: 1,
		sink: {
			onBroadcast: (_client, kind, data) => {
				if (kind !== 'update') return;
				scanTags(data, (tagKind, _sender, seq) => {
					if (tagKind === TAG_KIND.POPULATE) seen = Math.max(seen, seq);
				});
			}
		}
	});
	const writer = new LeanClient({ endpoint, index: 0 });
	await anchor.connect(CONNECT_TIMEOUT_MS);
	await writer.connect(CONNECT_TIMEOUT_MS);
	const started = performance.now();
	let bytes = 0;
	try {
		for (let chunk = 0; chunk < chunks; chunk++) {
			const first = chunk * spec.itemsPerChunk;
			const count = Math.min(spec.itemsPerChunk, spec.items - first);
			const tag = makeTag(TAG_KIND.POPULATE, 0, chunk, nowUs());
			const update = populateChunk({ first, count, category: writer.category, tag });
			bytes += update.byteLength;
			writer.sendUpdate(update);
			// Let the server keep up instead of queueing megabytes in one burst.
			if (chunk % 10 === 9) await sleep(20);
		}
		const deadline = performance.now() + spec.timeoutMs;
		while (seen < chunks - 1) {
			if (writer.closed || anchor.closed) {
				const code = writer.closed ? writer.closeCode : anchor.closeCode;
				throw new Error(
					`populate: the server closed a client (${code}) at ${seen + 1}/${chunks} chunks`
				);
			}
			if (performance.now() > deadline) {
				throw new Error(`populate: ${seen + 1}/${chunks} chunks relayed in ${spec.timeoutMs} ms`);
			}
			await sleep(20);
		}
		return { anchor, bytes, ms: Math.round(performance.now() - started) };
	} catch (error) {
		await anchor.close();
		throw error;
	} finally {
		await writer.close();
	}
}

/** Fresh clients join the board one after the other, each timed from connect to synced. */
async function joinOneByOne(spec: JoinSpec, mark: Mark): Promise<{ ms: number[]; bytes: number }> {
	const times: number[] = [];
	let bytes = 0;
	for (let i = 0; i < spec.repeats; i++) {
		await mark('join-start');
		const { client, doc, ms } = await joinOnce(spec.endpoint, i, spec.timeoutMs);
		await mark('join-end');
		times.push(Math.round(ms * 10) / 10);
		const items = countItems(doc);
		bytes = client.syncBytes;
		await client.close();
		doc.destroy();
		if (items !== spec.items) throw new Error(`join: synced ${items} items, not ${spec.items}`);
	}
	return { ms: times, bytes };
}

/** `spec.burstClients` fresh clients join the board at the same moment. */
async function joinAtOnce(spec: JoinSpec, mark: Mark): Promise<NonNullable<JoinResult['burst']>> {
	await mark('burst-start');
	const started = performance.now();
	const attempts = await Promise.allSettled(
		Array.from({ length: spec.burstClients }, (_, i) => joinOnce(spec.endpoint, i, spec.timeoutMs))
	);
	const totalMs = performance.now() - started;
	await mark('burst-end');
	const joined = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
	const wrong = joined.filter((j) => countItems(j.doc) !== spec.items).length;
	await closeAll(joined.map((j) => j.client));
	for (const j of joined) j.doc.destroy();
	return {
		ms: joined.map((j) => Math.round(j.ms * 10) / 10).sort((a, b) => a - b),
		failures: spec.burstClients - joined.length + wrong,
		totalMs: Math.round(totalMs * 10) / 10
	};
}

/** Populates a board, then times fresh clients joining it (see {@link JoinSpec}). */
export async function runJoins(spec: JoinSpec, mark: Mark): Promise<JoinResult> {
	const { anchor, bytes, ms } = await populate(spec);
	try {
		// One unmeasured join of each kind first, so neither pays this process' JIT warm-up.
		const warm = await joinOnce(spec.endpoint, 0, spec.timeoutMs);
		await warm.client.close();
		warm.doc.destroy();
		await joinWithStockProvider({ ...spec, index: 0 });
		const joins = await joinOneByOne(spec, mark);
		const stockJoinMs: number[] = [];
		for (let i = 0; i < spec.repeats; i++) {
			const stock = await joinWithStockProvider({ ...spec, index: i });
			if (stock.items !== spec.items) {
				throw new Error(`stock join: synced ${stock.items} items, not ${spec.items}`);
			}
			stockJoinMs.push(Math.round(stock.ms * 10) / 10);
		}
		const burst = spec.burstClients > 0 ? await joinAtOnce(spec, mark) : null;
		return {
			populate: { bytes, ms },
			joinMs: joins.ms,
			stockJoinMs,
			syncBytes: joins.bytes,
			burst
		};
	} finally {
		await anchor.close();
	}
}
