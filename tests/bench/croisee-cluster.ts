import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../helpers/http-client.ts';
import { createBoard, createDatabase, fetchMetrics, spawnCroisee } from './croisee-target.ts';
import type { BenchProcess } from './server-process.ts';
import type { Endpoint } from './shared.ts';
import {
	TargetUnavailable,
	freePort,
	waitForHttp,
	type RunningTarget,
	type StartContext,
	type Target
} from './targets.ts';

/** Instances behind Redis in the cluster runs. */
export const CLUSTER_INSTANCES = 2;

/**
 * Every identity's ticket once per instance, in turn: client `i` (which uses
 * `urls[i % urls.length]`) reaches instance `i % instances`, so the clients split evenly and
 * each identity's few clients stay below the per-person connection limit.
 */
function splitEndpoint(endpoint: Endpoint, ports: number[]): Endpoint {
	const [first] = ports;
	const urls: string[] = [];
	const categories: string[] = [];
	endpoint.urls.forEach((url, i) => {
		for (const port of ports) {
			urls.push(url.replace(`:${first}/`, `:${port}/`));
			categories.push(endpoint.categories[i] as string);
		}
	});
	return { ...endpoint, urls, categories };
}

/**
 * Two Croisée instances (the built snapshot) on one fresh PostgreSQL database (`DATABASE_URL`),
 * sharing Redis (`REDIS_URL`) as a self-hoster would behind a load balancer: one public `ORIGIN`,
 * boards and tickets made through the first, clients split between both. Both are pinned to the
 * server core, the same CPU budget as a single server's rows.
 */
async function startCluster(context: StartContext): Promise<RunningTarget> {
	const adminUrl = process.env.DATABASE_URL;
	const redisUrl = process.env.REDIS_URL;
	if (!adminUrl || !redisUrl) {
		throw new TargetUnavailable('two instances need DATABASE_URL (PostgreSQL) and REDIS_URL');
	}
	if (!context.croiseeDir) throw new TargetUnavailable('no built snapshot of the working tree');
	const ports = [await freePort(), await freePort()].slice(0, CLUSTER_INSTANCES);
	const bases = ports.map((port) => `http://127.0.0.1:${port}`);
	const origin = bases[0] as string;
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-data-'));
	const database = await createDatabase(adminUrl);
	const servers: BenchProcess[] = [];
	const stop = async () => {
		await Promise.all(servers.map((server) => server.stop()));
		await database.drop();
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		// One after the other: the first applies the migrations to the fresh database.
		for (const [i, port] of ports.entries()) {
			const server = spawnCroisee({
				context,
				port,
				dataDir,
				databaseUrl: database.url,
				env: { REDIS_URL: redisUrl, ORIGIN: origin },
				logFile: `${context.logFile}.${i + 1}`
			});
			servers.push(server);
			await waitForHttp(`${bases[i]}/healthz`, server);
		}
		const facilitator = new ApiClient(origin);
		await facilitator.signUp('Bench Animatrice');
		return {
			process: servers[0] as BenchProcess,
			others: servers.slice(1),
			newBoard: async (title, clients) =>
				splitEndpoint(
					await createBoard({
						base: origin,
						port: ports[0] as number,
						facilitator,
						title,
						clients
					}),
					ports
				),
			metrics: () => Promise.all(bases.map((base) => fetchMetrics(base))),
			stop
		};
	} catch (error) {
		await stop();
		if (error instanceof TargetUnavailable) throw error;
		throw new TargetUnavailable(error instanceof Error ? error.message : String(error));
	}
}

/** Croisée on two instances behind Redis, over PostgreSQL: the cluster fan-out rows. */
export const croiseeCluster: Target = {
	id: 'croisee',
	label: `croisée ×${CLUSTER_INSTANCES}`,
	version: 'working tree, PostgreSQL + Redis',
	start: startCluster
};
