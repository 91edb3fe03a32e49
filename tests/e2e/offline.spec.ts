import { expect, test } from '@playwright/test';
import { addNote, createBoard, noteTexts, readJoinLink, signUp } from './helpers.ts';

/**
 * A participant loses the network for minutes, keeps writing, and comes back: what they wrote
 * offline merges with what the others wrote meanwhile, on every screen and after a reload. Time
 * is compressed with Playwright's clock (the client's dead-connection detection waits 30 s).
 */

test('a guest edits offline for minutes; back online, the work of both merges', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Fatima Facilitatrice');
	const boardUrl = await createBoard(host, 'Atelier hors ligne');
	const link = await readJoinLink(host);

	const context = await browser.newContext();
	const guest = await context.newPage();
	await guest.clock.install();
	await guest.goto(link);
	await guest.getByLabel('Nom affiché').fill('Jean Élu');
	await guest.getByRole('radio', { name: 'Élu·e' }).check();
	await guest.getByRole('button', { name: 'Rejoindre le tableau' }).click();
	const online = guest.getByRole('status').filter({ hasText: 'Connecté' });
	await expect(online).toBeVisible();
	await addNote(guest, 'Avant la coupure');
	await expect.poll(() => noteTexts(host)).toEqual(['Avant la coupure']);

	await context.setOffline(true);
	await guest.clock.fastForward('01:00');
	await expect(guest.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
	await addNote(guest, 'Écrit hors ligne');
	await addNote(host, 'Écrit pendant ce temps');
	await guest.clock.fastForward('05:00');
	await addNote(guest, 'Encore hors ligne');
	expect((await noteTexts(host)).sort()).toEqual(['Avant la coupure', 'Écrit pendant ce temps']);

	await context.setOffline(false);
	await guest.clock.fastForward('00:30');
	await expect(online).toBeVisible();
	const all = [
		'Avant la coupure',
		'Encore hors ligne',
		'Écrit hors ligne',
		'Écrit pendant ce temps'
	];
	for (const page of [host, guest]) {
		await expect.poll(async () => (await noteTexts(page)).sort()).toEqual(all);
	}
	const fresh = await browser.newPage({ storageState: await host.context().storageState() });
	await fresh.goto(boardUrl);
	await expect.poll(async () => (await noteTexts(fresh)).sort()).toEqual(all);
	await fresh.close();
	await context.close();
});
