import type http from 'node:http';
import type { Config } from '../../src/lib/server/config.ts';
import type { RealtimeControl } from '../../src/lib/server/context.ts';

/** The realtime layer attached to one HTTP server: Yjs rooms under `/yjs/*` and socket.io. */
export interface Realtime extends RealtimeControl {
	/** Stops accepting sockets, flushes pending log writes, closes every socket (code 4503). */
	close(): Promise<void>;
}

/** Attaches the Yjs endpoint and socket.io to `httpServer`. */
export function attachRealtime(input: {
	httpServer: http.Server;
	config: Config;
	destroyUnknownUpgrades: boolean;
}): Realtime {
	void input;
	throw new Error('realtime layer pending');
}
