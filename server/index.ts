import { loadConfig } from '../src/lib/server/config.ts';
import { openConfiguredDatabase } from './database.ts';

/**
 * Production entry. `scripts/build.js` compiles it (with the modules it imports) into
 * `build/croisee-server.js`, which `npm start` runs; tests run it through `tsx`.
 *
 * The database starts opening before the rest of the server is loaded: `app.ts` (the realtime
 * layer, socket.io, the SvelteKit handler) is a chunk of its own, imported once the embedded
 * database's thread is already starting PGlite, so on a machine with two cores the two overlap.
 */
async function main(): Promise<void> {
	const config = loadConfig();
	const opening = openConfiguredDatabase(config);
	opening.catch(() => {}); // reported by startServer, which awaits it
	const { startServer } = await import('./app.ts');
	const { log } = await import('./log.ts');
	const server = await startServer({ config, opening });
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
