import type http from 'node:http';

/**
 * How long a connection whose request body was refused unread keeps accepting (and discarding)
 * what the client still sends after the answer, in milliseconds. Closing at once would make the
 * kernel reset the connection over the unread bytes, and the client could lose the answer.
 */
export const UNREAD_BODY_LINGER_MS = 2000;

/**
 * Arranges that when the answer to `req` is sent before its body was received in full (refused
 * before reading: not signed in, forbidden, too large, too slow), the connection is closed rather
 * than reading the rest, as Node would otherwise do to reuse it: the answer goes out, then a FIN,
 * then whatever the client still sends is discarded for `UNREAD_BODY_LINGER_MS` at most.
 */
export function closeAfterUnreadBody(req: http.IncomingMessage, res: http.ServerResponse): void {
	res.once('finish', () => {
		if (req.complete || req.socket.destroyed) return;
		// What Node's own `_dump` does, without its keeping the connection for the next request.
		req.removeAllListeners('data');
		req.on('data', () => {});
		req.resume();
		req.socket.end();
		setTimeout(() => req.socket.destroy(), UNREAD_BODY_LINGER_MS).unref();
	});
}
