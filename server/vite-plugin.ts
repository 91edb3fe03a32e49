import type http from 'node:http';
import type { Plugin } from 'vite';
import { loadConfig } from '../src/lib/server/config.ts';

/**
 * Attaches the same database and realtime layer as `npm start` to Vite's dev server, so that
 * `npm run dev` behaves like production (Vite keeps its own HMR upgrades).
 */
export function croiseeDevServer(): Plugin {
	return {
		name: 'croisee-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			// Loaded lazily so that reading vite.config.ts stays light (Vitest, `vite build`).
			const { installServices } = await import('./app.ts');
			const { openConfiguredDatabase } = await import('./database.ts');
			const { log } = await import('./log.ts');
			const { startRetentionSweep } = await import('./retention-sweep.ts');
			const config = loadConfig();
			const database = await openConfiguredDatabase(config);
			const realtime = await installServices({
				config,
				database,
				httpServer: server.httpServer as http.Server,
				destroyUnknownUpgrades: false
			});
			const retention = startRetentionSweep({ periodMs: config.retentionSweepMs });
			server.httpServer.once('close', () => {
				Promise.all([retention.stop(), realtime.close()]).then(
					() => database.close(),
					(error: unknown) => log.error({ err: error }, 'dev realtime close failed')
				);
			});
		}
	};
}
