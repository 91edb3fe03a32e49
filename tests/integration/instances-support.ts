import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { RunningServer } from '../../server/app.ts';
import { freePort } from './faults-support.ts';

/**
 * Plumbing of the several-instances tests: the services they need (PostgreSQL and Redis, which
 * `.ci/run` provides), a plain TCP load balancer, and a private `redis-server` that a test may stop.
 */

/** Where the several-instances tests find PostgreSQL and Redis. */
export interface Services {
	databaseUrl: string;
	redisUrl: string;
}

/** The local services used when `DATABASE_URL` and `REDIS_URL` are unset (as `.ci/run` sets them). */
export const LOCAL_SERVICES: Services = {
	databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
	redisUrl: 'redis://127.0.0.1:6379'
};

/** How long a service may take to accept a TCP connection before it counts as absent. */
const PROBE_TIMEOUT_MS = 1_000;

/** Whether something accepts TCP connections at the host and port of `url`. */
function answers(url: string, defaultPort: number): Promise<boolean> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve) => {
		const socket = net.connect(Number(port) || defaultPort, hostname);
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

let located: Services | null = null;

/**
 * Finds PostgreSQL and Redis for the several-instances tests: `DATABASE_URL` and `REDIS_URL` when
 * set (they must answer: `.ci/run` sets them, and their absence there is an error), else the local
 * defaults when both answer. Returns null, after printing one line saying what to start, when the
 * variables are unset and the local services do not answer: the suite is then skipped.
 */
export async function locateServices(): Promise<Services | null> {
	const configured = Boolean(process.env.DATABASE_URL || process.env.REDIS_URL);
	const services: Services = {
		databaseUrl: process.env.DATABASE_URL || LOCAL_SERVICES.databaseUrl,
		redisUrl: process.env.REDIS_URL || LOCAL_SERVICES.redisUrl
	};
	const [database, redis] = await Promise.all([
		answers(services.databaseUrl, 5432),
		answers(services.redisUrl, 6379)
	]);
	if (database && redis) return (located = services);
	const missing = [
		database ? null : `PostgreSQL (${new URL(services.databaseUrl).host})`,
		redis ? null : `Redis (${new URL(services.redisUrl).host})`
	].filter(Boolean);
	if (configured)
		throw new Error(`The several-instances tests cannot reach ${missing.join(' and ')}`);
	console.warn(
		`Several-instances tests SKIPPED: start ${missing.join(' and ')}, or set DATABASE_URL and REDIS_URL.`
	);
	return null;
}

/** The services found by `locateServices()` (call it first). */
export function requiredServices(): Services {
	if (!located) throw new Error('locateServices() found no PostgreSQL and Redis');
	return located;
}

/** A channel namespace of its own, so that test files running in parallel never cross-talk. */
export function uniquePrefix(): string {
	return `croisee-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
}

/** A TCP load balancer in front of some backends. */
export interface Balancer {
	server: RunningServer;
	close(): Promise<void>;
}

/**
 * A plain TCP load balancer on a free port: each connection goes to the first backend of `ports`
 * that accepts it (no stickiness, no HTTP awareness), like a failover pool.
 */
export async function startBalancer(ports: readonly number[]): Promise<Balancer> {
	const sockets = new Set<net.Socket>();
	const proxy = net.createServer((client) => {
		sockets.add(client);
		client.once('close', () => sockets.delete(client));
		client.pause();
		let upstream: net.Socket | null = null;
		client.on('error', () => upstream?.destroy());
		client.once('close', () => upstream?.destroy());
		const tryBackend = (index: number) => {
			const port = ports[index];
			if (port === undefined) return client.destroy();
			const candidate = net.connect(port, '127.0.0.1');
			let connected = false;
			candidate.on('error', () => {
				if (connected) client.destroy();
				else tryBackend(index + 1);
			});
			candidate.once('connect', () => {
				connected = true;
				upstream = candidate;
				sockets.add(candidate);
				candidate.once('close', () => {
					sockets.delete(candidate);
					client.destroy();
				});
				client.pipe(candidate).pipe(client);
				client.resume();
			});
		};
		tryBackend(0);
	});
	const port = await new Promise<number>((resolve) =>
		proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as net.AddressInfo).port))
	);
	return {
		server: { url: `http://127.0.0.1:${port}`, port } as RunningServer,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
		}
	};
}

/** A `redis-server` of the test's own, on a free port, that the test may stop and start again. */
export class PrivateRedis {
	#process: ChildProcess | null = null;

	private constructor(readonly port: number) {}

	/** Starts one on a free port. */
	static async start(): Promise<PrivateRedis> {
		const redis = new PrivateRedis(await freePort());
		await redis.resume();
		return redis;
	}

	/** `redis://127.0.0.1:<port>` */
	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts the server (again) on the same port; resolves once it accepts connections. */
	async resume(): Promise<void> {
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
		const child = spawn('redis-server', [...args, '--appendonly', 'no'], { stdio: 'pipe' });
		this.#process = child;
		await new Promise<void>((resolve, reject) => {
			let output = '';
			child.stdout?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) resolve();
			});
			child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
		});
	}

	/** Stops the server (SIGKILL: connections drop at once, as when Redis crashes). */
	async stop(): Promise<void> {
		const child = this.#process;
		this.#process = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}
}
