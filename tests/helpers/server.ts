import { loadConfig, type Config } from '../../src/lib/server/config.ts';
import {
	loadBuiltHandler,
	startServer,
	type NodeHandler,
	type RunningServer
} from '../../server/app.ts';
import type { TestDatabase } from './database.ts';

let handler: Promise<NodeHandler> | null = null;

/**
 * Starts the real server (the production build's SvelteKit handler, Yjs and socket.io) on a free
 * loopback port over `database`. Needs `npm run build` first (`npm test` does it).
 */
export async function startTestServer(input: {
	database: TestDatabase;
	config?: Partial<Config>;
}): Promise<RunningServer> {
	handler ??= loadBuiltHandler();
	const config: Config = {
		...loadConfig({}),
		port: 0,
		host: '127.0.0.1',
		secret: 'test-secret-not-for-production',
		dataDir: '/nonexistent-croisee-test-dir',
		// Every test signs people up from 127.0.0.1; the limit itself has its own test.
		signupsPerHourPerAddress: 1_000_000,
		...input.config
	};
	return startServer({ config, database: await input.database.open(), handler: await handler });
}
