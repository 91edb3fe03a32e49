import { Server } from '@hocuspocus/server';

/**
 * Hocuspocus as the bench runs it: no extension (documents in memory, no persistence), no auth
 * hook, loopback only. `PORT` selects the port. Started by the bench in its own pinned process.
 */
const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');

const server = new Server({ port, address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`hocuspocus listening on 127.0.0.1:${port}`);
