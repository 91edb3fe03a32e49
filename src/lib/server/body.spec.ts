import { describe, expect, it } from 'vitest';
import { isFailure } from './services/failure.ts';
import { jsonTooDeep, parseBoundedJson, readBody } from './body.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('jsonTooDeep', () => {
	it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
		expect(jsonTooDeep('{"a":[1,{"b":[]}]}', 4)).toBe(false);
		expect(jsonTooDeep('{"a":[1,{"b":[]}]}', 3)).toBe(true);
		expect(jsonTooDeep(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
		expect(jsonTooDeep(`{"a":"\\"[[[[","b":1}`, 1)).toBe(false);
		expect(jsonTooDeep('['.repeat(5000) + ']'.repeat(5000), 32)).toBe(true);
	});
});

describe('parseBoundedJson', () => {
	it('refuses deep nesting, malformed text and invalid UTF-8 with a 400 code', () => {
		expect(parseBoundedJson(encode('[[[1]]]'), 3)).toEqual({ value: [[[1]]] });
		expect(parseBoundedJson(encode('[[[1]]]'), 2)).toMatchObject({ code: 'json_too_deep' });
		expect(parseBoundedJson(encode('{"a":'), 8)).toMatchObject({ code: 'invalid_json' });
		expect(parseBoundedJson(Uint8Array.of(0x7b, 0xff, 0x7d), 8)).toMatchObject({
			code: 'invalid_json'
		});
	});
});

describe('readBody', () => {
	const tooLarge = { failure: true as const, status: 413, code: 'too_large', message: '' };
	const limits = { maxBytes: 10, idleTimeoutMs: 50, totalTimeoutMs: 1000, tooLarge };

	it('returns the body within the limit and refuses one beyond it while counting', async () => {
		const ok = await readBody(new Request('http://x/', { method: 'POST', body: 'hello' }), limits);
		expect(new TextDecoder().decode(ok as Uint8Array)).toBe('hello');
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < 5; i++) controller.enqueue(encode('abcd'));
				controller.close();
			}
		});
		const request = new Request('http://x/', {
			method: 'POST',
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(await readBody(request, limits)).toBe(tooLarge);
	});

	it('answers 408 when the body stalls', async () => {
		const stalled = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(encode('ab'));
			}
		});
		const request = new Request('http://x/', {
			method: 'POST',
			body: stalled,
			duplex: 'half'
		} as RequestInit);
		const read = await readBody(request, limits);
		expect(isFailure(read) && read.code).toBe('body_timeout');
	});
});
