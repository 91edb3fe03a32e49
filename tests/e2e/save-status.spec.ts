import { expect, test } from '@playwright/test';
import { addNote, createBoard, joinAsGuest, noteTexts, readJoinLink, signUp } from './helpers.ts';

/**
 * Issue #7: the board tells whether every change is stored on the server. Offline, it says the
 * changes will be sent; back online, "Enregistré" only once the server stored them (a fresh page
 * then finds them). Playwright's clock compresses the wait for the dead-connection detection.
 */

test('the save status follows the guest’s changes through an offline period', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Fatima Facilitatrice');
	const boardUrl = await createBoard(host, 'Atelier enregistré');
	const link = await readJoinLink(host);

	const guest = await joinAsGuest(browser, {
		link,
		name: 'Jean Élu',
		category: 'Élu·e',
		clock: true
	});
	const context = guest.context();
	const save = guest.locator('[data-save-state]');
	await expect(save).toHaveText('Enregistré');
	await expect(save).toHaveAttribute('aria-live', 'polite');

	await addNote(guest, 'Première idée');
	await expect(save).toHaveText('Enregistré');
	await expect.poll(() => noteTexts(host)).toEqual(['Première idée']);

	await context.setOffline(true);
	await guest.clock.fastForward('01:00');
	await expect(save).toHaveText('Hors ligne — vos modifications seront envoyées');
	await addNote(guest, 'Écrite hors ligne');
	await guest.clock.fastForward('00:05');
	await expect(save).toHaveText('Hors ligne — vos modifications seront envoyées');

	await context.setOffline(false);
	await guest.clock.fastForward('00:30');
	await expect(save).toHaveText('Enregistré');
	// "Enregistré" means stored: a page opened now gets both notes from the server.
	const fresh = await browser.newPage({ storageState: await host.context().storageState() });
	await fresh.goto(boardUrl);
	await expect
		.poll(async () => (await noteTexts(fresh)).sort())
		.toEqual(['Première idée', 'Écrite hors ligne']);
	await fresh.close();
	await context.close();
});
