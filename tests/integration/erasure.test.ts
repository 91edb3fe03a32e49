import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSticky } from '../../src/lib/board/schema.ts';
import { voteRounds, votes } from '../../src/lib/server/db/schema.ts';
import { DRIVERS } from '../helpers/database.ts';
import { csvRows, pdfText, svgText } from '../helpers/export-parsing.ts';
import type { ApiClient } from '../helpers/http-client.ts';
import { Harness, db, joinAsGuest, userIdOf, warmUp } from './support.ts';

/** A name that appears nowhere else, so that any trace of it is found. */
const NAME = 'Zoé Effaçable-Unique';

/** Every (table, column) of the public schema holding text or JSON, and the rows containing `needle`. */
async function tracesOf(needle: string): Promise<string[]> {
	const columns = (await db().execute(sql`
		select table_name, column_name from information_schema.columns
		where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')
	`)) as unknown as { rows?: Array<Record<string, string>> } & Array<Record<string, string>>;
	const list = columns.rows ?? columns;
	expect(list.length).toBeGreaterThan(10);
	const found: string[] = [];
	for (const { table_name: table, column_name: column } of list) {
		const hits = (await db().execute(
			sql`select count(*)::int as n from ${sql.identifier(table as string)}
				where ${sql.identifier(column as string)}::text like ${`%${needle}%`}`
		)) as unknown as { rows?: Array<{ n: number }> } & Array<{ n: number }>;
		const n = (hits.rows ?? hits)[0]?.n ?? 0;
		if (n > 0) found.push(`${table}.${column}`);
	}
	return found;
}

function get(client: ApiClient, path: string) {
	return fetch(`${client.baseUrl}${path}`, { headers: { cookie: client.cookie } });
}

describe.each(DRIVERS)('erasing a participant (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('removes their name and identity everywhere and keeps their contributions by category', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const { body: info } = await facilitator.request<{ workshopId: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		const workshopId = info.workshopId;
		const guest = await joinAsGuest(server, board.joinUrl, NAME, 'usager');
		const guestId = await userIdOf(guest);
		const { doc } = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		const note = createSticky(doc, { x: 0, y: 0, text: 'Des bancs à l’ombre', category: 'usager' });
		const feedback = await guest.request('POST', `/api/workshops/${workshopId}/feedback`, {
			satisfaction: 4,
			worked: 'Le tour de table'
		});
		expect(feedback.status).toBe(200);
		// A closed dot-voting round in which the guest voted for their note.
		await db().insert(voteRounds).values({
			id: 'round1',
			workshopId,
			boardId: board.id,
			dots: 3,
			closedAt: new Date()
		});
		await db().insert(votes).values({
			id: 'vote1',
			roundId: 'round1',
			userId: guestId,
			itemId: note,
			category: 'usager'
		});
		await vi.waitFor(
			async () =>
				expect(
					await (await get(facilitator, `/api/boards/${board.id}/items.csv`)).text()
				).toContain('Des bancs'),
			{ timeout: 10_000, interval: 100 }
		);
		expect(await tracesOf(NAME)).not.toEqual([]);

		const erased = await facilitator.request(
			'POST',
			`/api/workshops/${workshopId}/people/${guestId}/erase`
		);
		expect(erased).toMatchObject({ status: 200, body: { ok: true, personDeleted: true } });

		expect(await tracesOf(NAME)).toEqual([]);
		expect(await tracesOf(guestId)).toEqual([]);
		// Their session is gone: the guest is signed out.
		expect((await get(guest, `/api/boards/${board.id}`)).status).toBe(401);

		const base = `/api/boards/${board.id}`;
		const csv = csvRows(await (await get(facilitator, `${base}/items.csv`)).text());
		// The CSV reads as its reader's language (French by default): columns and values.
		expect(csv.find((row) => row.Type === 'Note')).toMatchObject({
			Texte: 'Des bancs à l’ombre',
			Catégorie: 'Usager',
			Votes: '1'
		});
		const svg = svgText(await (await get(facilitator, `${base}/export.svg`)).text());
		const md = await (await get(facilitator, `${base}/outline.md`)).text();
		const pdf = await pdfText(
			new Uint8Array(await (await get(facilitator, `${base}/export.pdf`)).arrayBuffer())
		);
		for (const text of [svg, md, pdf, JSON.stringify(csv)]) expect(text).not.toContain(NAME);
		const summary = await facilitator.request<{ count?: number }>(
			'GET',
			`/api/workshops/${workshopId}/feedback`
		);
		expect(JSON.stringify(summary.body)).toContain('Le tour de table');
		const [dot] = await db().select().from(votes);
		expect(dot).toMatchObject({ itemId: note, category: 'usager' });
		expect(dot?.userId).not.toBe(guestId);
	});

	it('refuses to erase the facilitator themselves or someone outside the workshop', async () => {
		const { facilitator, board } = await h.board(driver);
		const { body: info } = await facilitator.request<{ workshopId: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		const me = await userIdOf(facilitator);
		const self = await facilitator.request(
			'POST',
			`/api/workshops/${info.workshopId}/people/${me}/erase`
		);
		expect(self).toMatchObject({ status: 409, body: { code: 'erase_self' } });
		const nobody = await facilitator.request(
			'POST',
			`/api/workshops/${info.workshopId}/people/nobody/erase`
		);
		expect(nobody).toMatchObject({ status: 404, body: { code: 'person_unknown' } });
	});
});
