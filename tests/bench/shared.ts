/**
 * Types exchanged between the bench orchestrator (`run.ts`) and the load generator process
 * (`loadgen/main.ts`) over Node's IPC channel. Plain JSON only.
 */

/** Wire protocols the load generator speaks. */
export type Protocol = 'y-websocket' | 'hocuspocus';

/** Where and how clients connect to one board (or document) of one server. */
export interface Endpoint {
	protocol: Protocol;
	/** Document name carried in every Hocuspocus message; informative for y-websocket. */
	docName: string;
	/** One websocket URL per identity; client `i` uses `urls[i % urls.length]`. */
	urls: string[];
	/** Category of each identity (same indexing as `urls`), shown in awareness states. */
	categories: string[];
	/** `Origin` header sent by every client, like a browser on that site; null sends none. */
	origin: string | null;
}

/** The fan-out load: N clients on one board, some writing, some moving cursors. */
export interface FanoutSpec {
	endpoint: Endpoint;
	clients: number;
	writers: number;
	/** Edits per second per writer. */
	editHz: number;
	cursors: number;
	/** Cursor awareness updates per second per cursor client. */
	awarenessHz: number;
	warmupMs: number;
	durationMs: number;
	/** Longest wait after the window for late deliveries. */
	drainMs: number;
}

/** Percentiles of a latency distribution, in milliseconds. */
export interface LatencySummary {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** Delivery figures of one message family (document edits or cursor awareness). */
export interface DeliveryResult {
	/** Messages sent inside the measurement window. */
	sent: number;
	/** `sent × (receivers)`: deliveries due to the other connected clients. */
	expected: number;
	delivered: number;
	latency: LatencySummary;
}

/** Cost of the load generator itself: if it saturates, latencies are overstated. */
export interface LoadgenCost {
	/** CPU of the load generator process over the window, % of one core. */
	cpuPct: number;
	/** Event-loop delay p99 of the load generator over the window, ms. */
	eventLoopP99Ms: number;
}

/** What the load generator measured in a fan-out run. */
export interface FanoutResult {
	connected: number;
	connectFailures: number;
	/** Clients whose socket closed during the run. */
	disconnects: number;
	edits: DeliveryResult;
	awareness: DeliveryResult;
	loadgen: LoadgenCost;
	windowMs: number;
	/** Items on the board seen by a fresh client after the run, and the number expected. */
	finalItems: { seen: number | null; expected: number };
	errors: string[];
}

/** Idle connections: RSS is sampled by the orchestrator at the marks `baseline` and `loaded`. */
export interface IdleSpec {
	endpoint: Endpoint;
	clients: number;
	settleMs: number;
}

/**
 * A board pre-populated with `items` sticky notes (sent in chunks by one client), then fresh
 * clients joining it one after the other (marks `join-start`/`join-end`), then optionally
 * `burstClients` joining at once (marks `burst-start`/`burst-end`). A client stays connected
 * throughout, so servers that unload empty documents keep this one.
 */
export interface JoinSpec {
	endpoint: Endpoint;
	items: number;
	itemsPerChunk: number;
	repeats: number;
	burstClients: number;
	timeoutMs: number;
}

/** Joins of one populated board. */
export interface JoinResult {
	/** Encoded size of the pre-populated content and the time to send and relay it. */
	populate: { bytes: number; ms: number };
	/** Per-join time from `new WebSocket` to a synced `Y.Doc`, in ms (lean client). */
	joinMs: number[];
	/** The same with the protocol's stock provider (y-websocket or Hocuspocus), in ms. */
	stockJoinMs: number[];
	/** Bytes of the sync answer of the last join. */
	syncBytes: number;
	/** Per-client join times of the burst (sorted), failures, and time until the last was synced. */
	burst: { ms: number[]; failures: number; totalMs: number } | null;
}

/** What the orchestrator can ask the load generator to run. */
export type LoadgenRequest =
	| { cmd: 'fanout'; spec: FanoutSpec }
	| { cmd: 'idle'; spec: IdleSpec }
	| { cmd: 'joins'; spec: JoinSpec };

/** Messages from the orchestrator: a request with its id, or the acknowledgement of a mark. */
export type LoadgenCommand =
	(LoadgenRequest & { id: number }) | { type: 'mark-ack'; markId: number };

/** Messages from the load generator. */
export type LoadgenMessage =
	| { type: 'mark'; markId: number; name: string }
	| { type: 'result'; id: number; result: unknown }
	| { type: 'error'; id: number; message: string };
