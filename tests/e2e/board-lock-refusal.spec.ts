import { expect, test } from '@playwright/test';
import { createBoard, focusedNoteId, noteTexts, readJoinLink, signUp } from './helpers.ts';

test('a locked board turns the editing tools off with a visible state: no edit is sent, no reconnect, and editing resumes at unlock', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Fatima Facilitatrice');
	await createBoard(host, 'Atelier verrouillé');
	await host.getByRole('button', { name: 'Nouvelle note' }).click();
	await focusedNoteId(host);
	await host.keyboard.type('Constat');
	await host.keyboard.press('Escape');
	const link = await readJoinLink(host);

	const context = await browser.newContext();
	const guest = await context.newPage();
	await guest.clock.install();
	const yjsSockets: string[] = [];
	guest.on('websocket', (socket) => {
		if (socket.url().includes('/yjs/')) yjsSockets.push(socket.url());
	});
	await guest.goto(link);
	await guest.getByLabel('Nom affiché').fill('Paul Usager');
	await guest.getByRole('radio', { name: 'Usager' }).check();
	await guest.getByRole('button', { name: 'Rejoindre le tableau' }).click();
	const online = guest.getByRole('status').filter({ hasText: 'Connecté' });
	await expect(online).toBeVisible();
	await expect.poll(() => noteTexts(guest)).toEqual(['Constat']);
	expect(yjsSockets).toHaveLength(1);

	await host.getByRole('button', { name: 'Animer' }).click();
	await host.getByRole('button', { name: 'Verrouiller le tableau' }).click();
	await expect(guest.getByText('Le tableau est verrouillé par l’animation')).toBeVisible();

	// Locked: the editing tools are off and say why; a note key does nothing, so the server never
	// has to refuse an update and the link stays up, without a reconnect.
	await expect(guest.locator('[data-locked-chip]')).toHaveText(/Tableau verrouillé/);
	await expect(guest.getByRole('button', { name: 'Nouvelle note' })).toBeDisabled();
	await guest.getByRole('region', { name: /^Tableau/ }).focus();
	await guest.keyboard.press('n');
	await guest.keyboard.press('Control+v');
	await expect.poll(() => noteTexts(guest)).toEqual(['Constat']);
	await expect(online).toBeVisible();
	await guest.clock.fastForward('00:10');
	await expect(online).toBeVisible();
	expect(yjsSockets).toHaveLength(1);
	expect(await noteTexts(host)).toEqual(['Constat']);

	// Unlocked, the same person's next note goes through.
	await host.getByRole('button', { name: 'Déverrouiller le tableau' }).click();
	await expect(guest.getByText('Le tableau est verrouillé par l’animation')).toHaveCount(0);
	await guest.getByRole('button', { name: 'Nouvelle note' }).click();
	await focusedNoteId(guest);
	await guest.keyboard.type('Acceptée');
	await guest.keyboard.press('Escape');
	await expect.poll(async () => (await noteTexts(host)).sort()).toEqual(['Acceptée', 'Constat']);
	await context.close();
});
