import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { countItems } from '../../../src/lib/board/schema.ts';
import type { Endpoint, FanoutResult, FanoutSpec, LoadgenCost } from '../shared.ts';
import {
	CONNECT_TIMEOUT_MS,
	awarenessState,
	closeAll,
	connectCrowd,
	randomClientId,
	sleep,
	type Crowd
} from './crowd.ts';
import { LeanClient, type MessageSink } from './lean-client.ts';
import { DeliveryCounter, TAG_KIND, makeTag, nowUs, scanTags } from './tags.ts';
import { Writer } from './writer.ts';

/** Awareness states are renewed this often by clients that do not move their cursor. */
const AWARENESS_RENEW_MS = 15_000;

/**
 * Receivers whose cursor deliveries are counted and timed (spread evenly over the crowd); every
 * receiver counts every edit. At N = 1,000 the cursors alone ask for 3 million timed deliveries a
 * second, and scanning them saturated the load generator's core (its queueing then showed in the
 * edit latencies); a sample of 100 receivers keeps cursor figures meaningful at a tenth of the
 * cost. Below 100 clients every receiver is counted.
 */
export const CURSOR_SAMPLE_RECEIVERS = 100;

/** Pauses the run at a named point until the orchestrator has sampled the server. */
export type Mark = (name: string) => Promise<void>;

/** One connected participant of the fan-out run. */
interface Participant {
	client: LeanClient;
	writer: Writer | null;
	clientId: number;
	clock: number;
	seq: number;
}

/** Stops every periodic activity it started. */
class Timers {
	private readonly handles: NodeJS.Timeout[] = [];

	/** Runs `tick` every `periodMs`, starting after a random phase. */
	every(periodMs: number, tick: () => void): void {
		const start = setTimeout(
			() => this.handles.push(setInterval(tick, periodMs)),
			periodMs * Math.random()
		);
		this.handles.push(start);
	}

	clear(): void {
		for (const handle of this.handles) {
			clearTimeout(handle);
			clearInterval(handle);
		}
	}
}

/** Fresh client syncing the whole board after the run: how many items the server holds. */
async function countBoardItems(endpoint: Endpoint, index: number): Promise<number | null> {
	const doc = new Y.Doc();
	const client = new LeanClient({ endpoint, index, doc, applySync: true });
	try {
		await client.connect(CONNECT_TIMEOUT_MS / 3);
		return countItems(doc);
	} catch {
		return null;
	} finally {
		await client.close();
		doc.destroy();
	}
}

/** Measures the load generator's own CPU and event-loop delay over a window. */
class SelfCost {
	private readonly delay = monitorEventLoopDelay({ resolution: 10 });
	private cpuStart = process.cpuUsage();
	private startedAt = performance.now();

	start(): void {
		this.delay.enable();
		this.cpuStart = process.cpuUsage();
		this.startedAt = performance.now();
	}

	stop(): LoadgenCost & { windowMs: number } {
		const windowMs = performance.now() - this.startedAt;
		const cpu = process.cpuUsage(this.cpuStart);
		this.delay.disable();
		return {
			windowMs: Math.round(windowMs),
			cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / windowMs) * 1000) / 10,
			// Node's histogram includes the 10 ms sampling period: keep the excess.
			eventLoopP99Ms: Math.max(0, Math.round(this.delay.percentile(99) / 1e4) / 100 - 10)
		};
	}
}

/**
 * The fan-out run: N clients on one board; writers edit at `editHz`, cursor clients publish
 * awareness at `awarenessHz`, every client counts and times what it receives.
 */
class FanoutRun {
	readonly edits: DeliveryCounter;
	readonly cursors: DeliveryCounter;
	private readonly writers = new Map<number, Writer>();
	private readonly participants: Participant[] = [];
	private readonly timers = new Timers();
	private open = 0;
	/** Open clients whose cursor deliveries are counted. */
	private openSampled = 0;
	private disconnects = 0;
	private readonly cursorStride: number;

	constructor(private readonly spec: FanoutSpec) {
		this.edits = new DeliveryCounter(spec.clients, spec.writers);
		this.cursors = new DeliveryCounter(spec.clients, spec.cursors);
		this.cursorStride = Math.max(1, Math.ceil(spec.clients / CURSOR_SAMPLE_RECEIVERS));
	}

	/** Whether `index`'s cursor deliveries are counted (see `CURSOR_SAMPLE_RECEIVERS`). */
	private sampled(index: number): boolean {
		return index % this.cursorStride === 0;
	}

	/** Routes received tags to the counters, ignoring a client's own messages. */
	private readonly sink: MessageSink = {
		onBroadcast: (client, kind, data) => {
			if (kind === 'awareness' && !this.sampled(client.index)) return;
			scanTags(data, (tagKind, sender, seq, sentUs) => {
				if (sender === client.index) return;
				if (tagKind === TAG_KIND.EDIT && kind === 'update') {
					this.edits.onReceived(client.index, sender, seq, sentUs);
				} else if (tagKind === TAG_KIND.AWARENESS && kind === 'awareness') {
					this.cursors.onReceived(client.index, sender, seq, sentUs);
				}
			});
		}
	};

	private publish(p: Participant, cursor?: { x: number; y: number }, tag?: string): void {
		const { client } = p;
		const json = awarenessState({ index: client.index, category: client.category, cursor, tag });
		client.send(client.framer.awareness({ clientId: p.clientId, clock: ++p.clock, json }));
	}

	/** Connects every client; each publishes its awareness state as soon as it is synced. */
	connect(): Promise<Crowd> {
		const { spec, writers } = this;
		const { endpoint } = spec;
		return connectCrowd({
			count: spec.clients,
			options: (index) => {
				if (index >= spec.writers) return { endpoint, index, sink: this.sink };
				const category = endpoint.categories[index % endpoint.categories.length] ?? 'usager';
				const send = (u: Uint8Array) => this.participants[index]?.client.sendUpdate(u);
				const writer = new Writer(index, category, send);
				writers.set(index, writer);
				return { endpoint, index, sink: this.sink, doc: writer.doc };
			},
			onConnected: (client) => {
				const writer = writers.get(client.index) ?? null;
				const clientId = writer ? writer.doc.clientID : randomClientId();
				const p: Participant = { client, writer, clientId, clock: 0, seq: 0 };
				this.participants[client.index] = p;
				this.open++;
				const sampled = this.sampled(client.index);
				if (sampled) this.openSampled++;
				client.onClose(() => {
					this.open--;
					if (sampled) this.openSampled--;
					this.disconnects++;
				});
				this.publish(p);
			}
		});
	}

	/** Starts every writer's edits and every client's awareness (cursor or renewal). */
	startActivity(): void {
		const { spec, timers } = this;
		for (const p of this.participants.filter(Boolean)) {
			const { writer, client } = p;
			if (writer) {
				timers.every(1000 / spec.editHz, () => {
					if (client.closed) return;
					const sentUs = nowUs();
					this.edits.onSent(sentUs, this.open - 1);
					writer.edit(makeTag(TAG_KIND.EDIT, client.index, ++p.seq, sentUs));
				});
			}
			if (client.index >= spec.cursors) {
				timers.every(AWARENESS_RENEW_MS, () => this.publish(p));
				continue;
			}
			let step = 0;
			timers.every(1000 / spec.awarenessHz, () => {
				if (client.closed) return;
				const sentUs = nowUs();
				this.cursors.onSent(sentUs, this.openSampled - (this.sampled(client.index) ? 1 : 0));
				step++;
				const cursor = { x: 400 + Math.round(300 * Math.cos(step / 10)), y: 300 + (step % 200) };
				this.publish(p, cursor, makeTag(TAG_KIND.AWARENESS, client.index, step, sentUs));
			});
		}
	}

	/** Stops the activity, then waits (bounded) for late deliveries. */
	async drain(): Promise<void> {
		this.timers.clear();
		const until = performance.now() + this.spec.drainMs;
		while (performance.now() < until && !(this.edits.complete() && this.cursors.complete())) {
			await sleep(100);
		}
	}

	/** The figures of the run. */
	result(crowd: Crowd, cost: LoadgenCost & { windowMs: number }, seen: number | null) {
		let expected = 0;
		for (const writer of this.writers.values()) expected += writer.notes;
		const clientErrors = this.participants.flatMap((p) =>
			p?.client.lastError ? [p.client.lastError] : []
		);
		const { windowMs, ...loadgen } = cost;
		return {
			connected: crowd.clients.length,
			connectFailures: crowd.failures,
			disconnects: this.disconnects,
			edits: this.edits.result(),
			awareness: this.cursors.result(),
			loadgen,
			windowMs,
			finalItems: { seen, expected },
			errors: [...crowd.errors, ...clientErrors.slice(0, 5)]
		};
	}

	/** Stops everything and closes every client. */
	async close(crowd: Crowd | null): Promise<void> {
		this.timers.clear();
		if (crowd) await closeAll(crowd.clients);
		for (const writer of this.writers.values()) writer.doc.destroy();
	}
}

/** Runs the fan-out load (see {@link FanoutRun}); `mark` brackets the measurement window. */
export async function runFanout(spec: FanoutSpec, mark: Mark): Promise<FanoutResult> {
	const run = new FanoutRun(spec);
	let crowd: Crowd | null = null;
	try {
		crowd = await run.connect();
		run.startActivity();
		await sleep(spec.warmupMs);
		const cost = new SelfCost();
		await mark('start');
		cost.start();
		run.edits.start();
		run.cursors.start();
		await sleep(spec.durationMs);
		run.edits.stop();
		run.cursors.stop();
		const spent = cost.stop();
		await mark('end');
		await run.drain();
		return run.result(crowd, spent, await countBoardItems(spec.endpoint, spec.clients));
	} finally {
		await run.close(crowd);
	}
}
