import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky, listItems } from '../../src/lib/board/schema.ts';
import { workshopRecord } from '../../src/lib/server/services/workshop-record-export.ts';
import { DRIVERS } from '../helpers/database.ts';
import { Harness, joinAsGuest, warmUp } from './support.ts';

describe.each(DRIVERS)('workshop record export (%s)', (driver) => {
	const h = new Harness();
	beforeAll(() => warmUp(driver), 60_000);
	afterEach(() => h.cleanup());

	it('gives facilitators a valid document with boards, events, feedback and people refs', async () => {
		const { server, facilitator, board } = await h.board(driver);
		const { body: info } = await facilitator.request<{ workshopId: string }>(
			'GET',
			`/api/boards/${board.id}`
		);
		const guest = await joinAsGuest(server, board.joinUrl, 'Paul Participant', 'agent');
		const { doc } = await h.syncedProvider(server, board.id, { cookie: guest.cookie });
		createSticky(doc, { x: 0, y: 0, text: 'Simplifier les formulaires', category: 'agent' });
		await guest.request('POST', `/api/workshops/${info.workshopId}/feedback`, {
			satisfaction: 5,
			worked: 'Écoute'
		});
		const path = `/api/workshops/${info.workshopId}/export.json`;
		const read = async () => {
			const response = await facilitator.request<unknown>('GET', path);
			expect(response.status).toBe(200);
			return workshopRecord.parse(response.body);
		};
		const record = await vi.waitFor(
			async () => {
				const parsed = await read();
				const restored = new Y.Doc();
				Y.applyUpdate(restored, Buffer.from(parsed.boards[0]?.state ?? '', 'base64'));
				expect(listItems(restored).map((item) => item.text)).toContain(
					'Simplifier les formulaires'
				);
				return parsed;
			},
			{ timeout: 10_000, interval: 200 }
		);
		expect(record).toMatchObject({ format: 'croisee-session', version: 1 });
		expect(record.workshop.categories).toContain('agent');
		const paul = record.people.find((person) => person.name === 'Paul Participant');
		expect(paul).toMatchObject({ role: 'participant', category: 'agent' });
		expect(record.feedback).toEqual([
			expect.objectContaining({ person: paul?.ref, category: 'agent', worked: 'Écoute' })
		]);
		const refs = new Set(record.people.map((person) => person.ref));
		expect(record.events.every((event) => event.actor === null || refs.has(event.actor))).toBe(
			true
		);
		// No e-mail, password hash or raw user id leaves the server.
		const raw = JSON.stringify(record);
		expect(raw).not.toMatch(/@example|password|argon2/i);

		const outsider = await guest.request('GET', path);
		expect(outsider).toMatchObject({ status: 403, body: { code: 'facilitator_only' } });
	});
});
