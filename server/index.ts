import { loadConfig } from '../src/lib/server/config.ts';
import { startServer } from './app.ts';
import { log } from './log.ts';

/**
 * Production entry. `scripts/build.js` compiles it (with the modules it imports) into
 * `build/croisee-server.js`, which `npm start` runs; tests run it through `tsx`.
 */
async function main(): Promise<void> {
	const server = await startServer({ config: loadConfig() });
	console.log(`Croisée is running on http://localhost:${server.port}`);
	const shutdown = (signal: string) => {
		log.info({ signal }, 'shutting down');
		server.close().then(
			() => log.flush(() => process.exit(0)),
			(error: unknown) => {
				log.error({ err: error }, 'shutdown failed');
				process.exit(1);
			}
		);
	};
	process.once('SIGTERM', () => shutdown('SIGTERM'));
	process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
	const message = error instanceof Error ? error.message : String(error);
	// One line, so that service managers and operators see the reason at a glance.
	console.error(`Croisée failed to start: ${message.split('\n')[0]}`);
	process.exit(1);
});
