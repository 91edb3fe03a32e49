import net from 'node:net';

/**
 * An HTTP/1.1 request written by hand on a TCP socket, for what `fetch` cannot do: declare a
 * length and send only part of it, stall mid-body, keep sending after the answer, and tell how
 * much the client had sent when the answer came and when the server closed.
 */

/** What happened to a raw request. */
export interface RawExchange {
	/** Status of the answer (0 when none came). */
	status: number;
	/** Body of the answer (text). */
	body: string;
	/** Bytes of the request body handed to the socket when the answer's first byte arrived. */
	sentAtAnswer: number;
	/** Bytes of the request body handed to the socket in all. */
	sent: number;
	/** Milliseconds from the request's start to the server closing the connection. */
	closedAfterMs: number;
}

/** How a raw request sends its body. */
export interface RawBody {
	/** Declared `Content-Length`; null sends `Transfer-Encoding: chunked`. */
	contentLength: number | null;
	/** The bytes to send (in 64 KiB writes, following back-pressure), then stop. */
	bytes: Uint8Array;
	/** Stop sending (without ending the request) once the answer has arrived. */
	stopAtAnswer?: boolean;
	/** Delay between two writes, in milliseconds (0: as fast as the socket takes them). */
	intervalMs?: number;
	/** Size of each write, in bytes. */
	writeBytes?: number;
}

function chunkFrame(bytes: Uint8Array, chunked: boolean): Uint8Array | string {
	if (!chunked) return bytes;
	return Buffer.concat([
		Buffer.from(`${bytes.byteLength.toString(16)}\r\n`),
		bytes,
		Buffer.from('\r\n')
	]);
}

/**
 * Sends `method path` to `baseUrl` with `headers` and `body`, and waits until the server closes the
 * connection or `timeoutMs` passes (then the exchange is reported as it stands).
 */
export function rawRequest(input: {
	baseUrl: string;
	method: string;
	path: string;
	headers: Record<string, string>;
	body: RawBody;
	timeoutMs?: number;
}): Promise<RawExchange> {
	const { hostname, port } = new URL(input.baseUrl);
	const { body } = input;
	const chunked = body.contentLength === null;
	const started = Date.now();
	return new Promise((resolve) => {
		const socket = net.connect(Number(port), hostname);
		const received: Buffer[] = [];
		let sent = 0;
		let sentAtAnswer = -1;
		const finish = () => {
			clearTimeout(timer);
			const text = Buffer.concat(received).toString('utf8');
			const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
			const answerBody = text.includes('\r\n\r\n') ? text.slice(text.indexOf('\r\n\r\n') + 4) : '';
			resolve({
				status,
				body: answerBody,
				sentAtAnswer: sentAtAnswer < 0 ? sent : sentAtAnswer,
				sent,
				closedAfterMs: Date.now() - started
			});
			socket.destroy();
		};
		const timer = setTimeout(finish, input.timeoutMs ?? 10_000);
		socket.on('data', (data: Buffer) => {
			if (sentAtAnswer < 0) sentAtAnswer = sent;
			received.push(data);
		});
		socket.on('error', () => {});
		socket.on('close', finish);
		const headers = {
			host: `${hostname}:${port}`,
			...input.headers,
			...(chunked
				? { 'transfer-encoding': 'chunked' }
				: { 'content-length': String(body.contentLength) })
		};
		const head = Object.entries(headers)
			.map(([name, value]) => `${name}: ${value}\r\n`)
			.join('');
		socket.write(`${input.method} ${input.path} HTTP/1.1\r\n${head}\r\n`);
		const step = body.writeBytes ?? 64 * 1024;
		let at = 0;
		const pump = () => {
			while (at < body.bytes.byteLength && !socket.destroyed) {
				if (body.stopAtAnswer && sentAtAnswer >= 0) return;
				const piece = body.bytes.subarray(at, at + step);
				at += piece.byteLength;
				sent += piece.byteLength;
				const flowing = socket.write(chunkFrame(piece, chunked));
				if (body.intervalMs) {
					setTimeout(pump, body.intervalMs);
					return;
				}
				if (!flowing) {
					socket.once('drain', pump);
					return;
				}
			}
		};
		pump();
	});
}
