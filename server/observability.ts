import { randomUUID, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Config } from '../src/lib/server/config.ts';
import { log } from './log.ts';
import { registry } from './metrics.ts';

/** A request id a proxy may pass in (`X-Request-Id`): kept when it looks like one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives the request an id (the proxy's `X-Request-Id`, or a new one), returns it in the response
 * header, and logs the request once answered (path without query: it may carry a ticket).
 */
export function trackRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
	const given = req.headers['x-request-id'];
	const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
	res.setHeader('x-request-id', requestId);
	const started = performance.now();
	res.once('finish', () => {
		const path = (req.url ?? '').split('?')[0];
		const fields = {
			requestId,
			method: req.method,
			path,
			status: res.statusCode,
			ms: Math.round(performance.now() - started)
		};
		if (res.statusCode >= 500) log.warn(fields, 'request failed');
		else log.debug(fields, 'request');
	});
}

/** True when `header` is `Bearer <token>` (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
	const expected = Buffer.from(`Bearer ${token}`);
	const given = Buffer.from(header ?? '');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers `GET /metrics` (Prometheus text format) when the request carries
 * `Authorization: Bearer <METRICS_TOKEN>`; 401 otherwise, 404 when no token is configured (so the
 * metrics are never public by accident). Returns false for any other path.
 */
export function serveMetrics(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	config: Config
): boolean {
	if ((req.url ?? '').split('?')[0] !== '/metrics') return false;
	const answer = (status: number, body: object) => {
		res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
	};
	if (!config.metricsToken) {
		answer(404, { error: 'Not found', code: 'not_found' });
		return true;
	}
	if (!bearerMatches(req.headers.authorization, config.metricsToken)) {
		res.setHeader('www-authenticate', 'Bearer');
		answer(401, { error: 'A valid metrics token is required', code: 'unauthorized' });
		return true;
	}
	registry.metrics().then(
		(text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
		(error: unknown) => {
			log.error({ err: error }, 'metrics collection failed');
			answer(500, { error: 'Metrics unavailable', code: 'internal' });
		}
	);
	return true;
}
