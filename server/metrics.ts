import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (served at `/metrics`, see `server/app.ts`). Counters are read
 * as rates by Prometheus (`rate(croisee_updates_stored_total[1m])` is the updates per second).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'croisee_process_' });

const registers = [registry];

/** Open Yjs connections and loaded boards, read when scraped. */
let realtimeStats: () => { boards: number; connections: number } = () => ({
	boards: 0,
	connections: 0
});

/** Where the connection and board gauges read their values (the realtime layer's `stats()`). */
export function bindRealtimeStats(stats: () => { boards: number; connections: number }): void {
	realtimeStats = stats;
}

/** The metrics other modules record. */
export const metrics = {
	connections: new Gauge({
		name: 'croisee_yjs_connections',
		help: 'Open Yjs websocket connections on this instance',
		registers,
		collect() {
			this.set(realtimeStats().connections);
		}
	}),
	boards: new Gauge({
		name: 'croisee_open_boards',
		help: 'Boards loaded in memory on this instance',
		registers,
		collect() {
			this.set(realtimeStats().boards);
		}
	}),
	updatesStored: new Counter({
		name: 'croisee_updates_stored_total',
		help: 'Yjs updates from this instance’s clients stored in the log',
		registers
	}),
	updatesRemote: new Counter({
		name: 'croisee_updates_remote_total',
		help: 'Stored updates received from other instances (Redis) or caught up from the database',
		labelNames: ['source'] as const,
		registers
	}),
	fanOutLatency: new Histogram({
		name: 'croisee_fanout_latency_seconds',
		help: 'From an instance publishing a stored batch to another applying and relaying it',
		buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
		registers
	}),
	logBatchSize: new Histogram({
		name: 'croisee_log_batch_updates',
		help: 'Updates per durable log commit',
		buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
		registers
	}),
	logWaitSeconds: new Histogram({
		name: 'croisee_log_wait_seconds',
		help: 'From the first update of a batch being accepted to its commit starting',
		buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
		registers
	}),
	logDeliverSeconds: new Histogram({
		name: 'croisee_log_deliver_seconds',
		help: 'Time to hand one stored batch to its receivers (merge, encode, send, publish)',
		buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
		registers
	}),
	logCommitSeconds: new Histogram({
		name: 'croisee_log_commit_seconds',
		help: 'Time to make one batch of the log durable (its journal write on the embedded database, else its commit)',
		buckets: [
			0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
			1
		],
		registers
	}),
	logDatabaseCommitSeconds: new Histogram({
		name: 'croisee_log_database_commit_seconds',
		help: 'Embedded database: time to commit journaled batches to the database (off the edit’s path)',
		buckets: [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
		registers
	}),
	redisLag: new Gauge({
		name: 'croisee_redis_ping_seconds',
		help: 'Round trip of the last PING to Redis (-1 while Redis is unreachable)',
		registers
	}),
	redisUp: new Gauge({
		name: 'croisee_redis_up',
		help: '1 while this instance is connected to Redis, 0 otherwise',
		registers
	})
};
