import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectImageType } from '../../src/lib/server/services/files.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, joinAsGuest, warmUp } from './support.ts';

/** A real 1×1 PNG. */
const PNG = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64'
	)
);
const GIF = Uint8Array.from(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = Uint8Array.from([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
const SVG = new TextEncoder().encode(
	'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
);

async function upload(client: ApiClient, boardId: string, bytes: Uint8Array, type = 'image/png') {
	const response = await fetch(`${client.baseUrl}/api/boards/${boardId}/files`, {
		method: 'POST',
		headers: { cookie: client.cookie, origin: client.origin, 'content-type': type },
		body: Buffer.from(bytes)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function download(client: ApiClient, boardId: string, fileId: string) {
	return fetch(`${client.baseUrl}/api/boards/${boardId}/files/${fileId}`, {
		headers: { cookie: client.cookie }
	});
}

describe('image type detection', () => {
	it('recognises PNG, JPEG, GIF and WebP by their first bytes and nothing else', () => {
		expect(detectImageType(PNG)).toBe('image/png');
		expect(detectImageType(JPEG)).toBe('image/jpeg');
		expect(detectImageType(GIF)).toBe('image/gif');
		expect(detectImageType(WEBP)).toBe('image/webp');
		expect(detectImageType(SVG)).toBeNull();
		expect(detectImageType(new TextEncoder().encode('GIF8'))).toBeNull();
		expect(detectImageType(new Uint8Array())).toBeNull();
	});
});

describe.each(DRIVERS)('board images (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('stores an image and serves it to the board’s people with safe headers', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const stored = await upload(facilitator, board.id, PNG, 'application/octet-stream');
		expect(stored).toMatchObject({
			status: 201,
			body: { contentType: 'image/png', size: PNG.byteLength }
		});
		const guest = await joinAsGuest(server, board.joinUrl, 'Jean', 'usager');
		const response = await download(guest, board.id, String(stored.body.id));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-disposition')).toBe('inline');
		expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
	});

	it('refuses a file whose content is not an accepted image, whatever it claims to be', async () => {
		const { facilitator, board } = await h.board(driver);
		const svg = await upload(facilitator, board.id, SVG, 'image/png');
		expect(svg).toMatchObject({ status: 415, body: { code: 'unsupported_type' } });
		const html = await upload(
			facilitator,
			board.id,
			new TextEncoder().encode('<html>'),
			'image/gif'
		);
		expect(html.status).toBe(415);
		expect((await upload(facilitator, board.id, new Uint8Array())).body.code).toBe('empty_file');
	});

	it('refuses a file over MAX_UPLOAD_BYTES', async () => {
		const { facilitator, board } = await h.board(driver, { maxUploadBytes: 1024 });
		const big = new Uint8Array(4096);
		big.set(PNG);
		expect(await upload(facilitator, board.id, big)).toMatchObject({
			status: 413,
			body: { code: 'file_too_large' }
		});
		expect((await upload(facilitator, board.id, PNG)).status).toBe(201);
	});

	it('keeps one board’s images from the people of another board', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const stored = await upload(facilitator, board.id, PNG);
		const client = new ApiClient(server.url);
		await client.signUp('Autre Animatrice');
		const other = { client, board: await client.createBoard('Autre atelier') };
		const id = String(stored.body.id);
		// A person of another board, even asking through their own board's address, gets nothing.
		expect((await download(other.client, board.id, id)).status).toBe(404);
		expect((await download(other.client, other.board.id, id)).status).toBe(404);
		expect((await upload(other.client, board.id, PNG)).status).toBe(404);
		// Nobody signed in: 401.
		const anonymous = await fetch(`${server.url}/api/boards/${board.id}/files/${id}`);
		expect(anonymous.status).toBe(401);
	});

	it('copies an image into another board its person may write on, and nowhere else', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const stored = await upload(facilitator, board.id, PNG);
		const fileId = String(stored.body.id);
		const target = await facilitator.createBoard('Atelier cible');
		const copy = (client: ApiClient, boardId: string, body: unknown) =>
			client.request('POST', `/api/boards/${boardId}/files/copy`, body);

		const copied = await copy(facilitator, target.id, { fromBoardId: board.id, fileId });
		expect(copied).toMatchObject({ status: 201, body: { contentType: 'image/png' } });
		const copyId = String(copied.body.id);
		expect(copyId).not.toBe(fileId);
		const served = await download(facilitator, target.id, copyId);
		expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

		// A guest of the source board only cannot bring its images into a board that is not theirs,
		// and a stranger's board cannot take them.
		const guest = await joinAsGuest(server, board.joinUrl, 'Jean', 'usager');
		expect((await copy(guest, target.id, { fromBoardId: board.id, fileId })).status).toBe(404);
		const stranger = new ApiClient(server.url);
		await stranger.signUp('Autre Animatrice');
		const theirs = await stranger.createBoard('Autre atelier');
		const stolen = await copy(stranger, theirs.id, { fromBoardId: board.id, fileId });
		expect([stolen.status, stolen.body.code]).toEqual([404, 'file_unknown']);
		expect((await copy(facilitator, target.id, { fromBoardId: board.id })).status).toBe(400);
		expect(
			(await copy(facilitator, target.id, { fromBoardId: board.id, fileId: 'nope' })).status
		).toBe(404);
	});
});
