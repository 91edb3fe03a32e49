import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness } from './support.ts';

const run = promisify(execFile);
const CLIENT = 'tests/fixtures/yjs-client.ts';

async function outsideClient(args: string[]): Promise<string[]> {
	const { stdout } = await run(process.execPath, ['--import', 'tsx', CLIENT, ...args], {
		timeout: 30_000
	});
	return JSON.parse(stdout.trim()) as string[];
}

describe.each(DRIVERS)('a stock y-websocket client in another process (%s)', (driver) => {
	const h = new Harness();
	let server: RunningServer;

	beforeEach(async () => {
		server = await h.server(await h.database(driver));
	});

	afterEach(() => h.cleanup());

	it('sees and edits the same board as a browser participant, with a ticket', async () => {
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp();
		const board = await facilitator.createBoard('Boîte à idées');
		const guest = new ApiClient(server.url);
		await guest.join(board.joinUrl, 'Samia', 'usager');
		const ticketOf = async (client: ApiClient) =>
			(await client.request<{ ticket: string }>('POST', `/api/boards/${board.id}/ticket`)).body
				.ticket;

		const afterGuest = await outsideClient([
			server.url,
			board.id,
			await ticketOf(guest),
			'Des horaires le samedi',
			'usager'
		]);
		expect(afterGuest).toEqual(['Des horaires le samedi']);

		const afterFacilitator = await outsideClient([
			server.url,
			board.id,
			await ticketOf(facilitator),
			'Un accueil sans rendez-vous'
		]);
		expect(afterFacilitator).toEqual(['Des horaires le samedi', 'Un accueil sans rendez-vous']);
	});

	it('is refused with a made-up ticket', async () => {
		const facilitator = new ApiClient(server.url);
		await facilitator.signUp();
		const board = await facilitator.createBoard();
		await expect(
			outsideClient([server.url, board.id, 'forged-ticket-000000000000'])
		).rejects.toThrow(/refused/);
	});
});
