import { vi } from 'vitest';
import type { Config } from '../../src/lib/server/config.ts';
import { createSticky, itemText, itemsOf } from '../../src/lib/board/schema.ts';
import { facilitationClient, workshopWith } from './facilitation-support.ts';
import type { Harness } from './support.ts';

const WAIT = { timeout: 10_000, interval: 20 };

/** Display names used by the workshop below: none may appear in figures, reports or public pages. */
export const WORKSHOP_NAMES = ['Fatima Facilitatrice', 'Paul Martin', 'Zoé Usagère', 'Alain Agent'];

/**
 * A short real workshop, driven through the server's sockets and API: two usagers and an agent
 * write notes (the agent also edits Paul's), a closed dot-voting round, and feedback. An evaluator
 * and an observer watch.
 */
export async function recordedWorkshop(
	h: Harness,
	driver: 'pglite' | 'postgres',
	config: Partial<Config> = {}
) {
	const setup = await workshopWith(
		h,
		driver,
		[
			{ name: 'Paul Martin', category: 'usager' },
			{ name: 'Zoé Usagère', category: 'usager' },
			{ name: 'Alain Agent', category: 'agent' },
			{ name: 'Eva Luatrice', category: 'usager', role: 'evaluator' },
			{ name: 'Olga Observatrice', category: 'agent', role: 'observer' }
		],
		config
	);
	const { server, facilitator, ws, guests } = setup;
	const [paul, zoe, alain, evaluator, observer] = guests as [
		(typeof guests)[0],
		(typeof guests)[0],
		(typeof guests)[0],
		(typeof guests)[0],
		(typeof guests)[0]
	];
	const paulDoc = (await h.syncedProvider(server, ws.boardId, { cookie: paul.cookie })).doc;
	const navette = createSticky(paulDoc, {
		x: 0,
		y: 0,
		text: 'Une navette le samedi matin',
		category: 'usager'
	});
	createSticky(paulDoc, { x: 300, y: 0, text: 'Horaires', category: 'usager' });
	const zoeDoc = (await h.syncedProvider(server, ws.boardId, { cookie: zoe.cookie })).doc;
	const alainDoc = (await h.syncedProvider(server, ws.boardId, { cookie: alain.cookie })).doc;
	await vi.waitFor(() => {
		if (!itemsOf(alainDoc).has(navette)) throw new Error('not synced yet');
	}, WAIT);
	createSticky(alainDoc, { x: 600, y: 0, text: 'Accueil', category: 'agent' });
	itemText(alainDoc, navette)!.insert(0, 'Vite : ');
	createSticky(zoeDoc, { x: 900, y: 0, text: 'Rampe', category: 'usager' });
	const check = (await h.syncedProvider(server, ws.boardId, { cookie: facilitator.cookie })).doc;
	await vi.waitFor(() => {
		if (itemsOf(check).size !== 4) throw new Error('notes not stored yet');
		if (!itemText(check, navette)!.toString().startsWith('Vite')) throw new Error('edit pending');
	}, WAIT);

	const fatima = await facilitationClient(h, server, facilitator.cookie, ws.boardId);
	const voters = await Promise.all(
		[paul, alain].map((guest) => facilitationClient(h, server, guest.cookie, ws.boardId))
	);
	const open = { boardId: ws.boardId, frameId: null, dots: 2, onePerObject: false };
	await fatima.socket.emitWithAck('vote:open', { ...open, anonymous: false });
	for (const voter of voters) {
		await voter.socket.emitWithAck('vote:cast', { boardId: ws.boardId, itemId: navette });
	}
	await fatima.socket.emitWithAck('vote:close', { boardId: ws.boardId });

	await paul.request('POST', `/api/workshops/${ws.id}/feedback`, {
		satisfaction: 4,
		worked: 'On a été écoutés',
		change: ''
	});
	await alain.request('POST', `/api/workshops/${ws.id}/feedback`, {
		satisfaction: 2,
		worked: '',
		change: 'Plus de temps'
	});
	return { ...setup, paul, zoe, alain, evaluator, observer, navette };
}
