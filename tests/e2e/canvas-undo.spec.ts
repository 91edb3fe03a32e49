import { expect, test } from '@playwright/test';
import {
	createBoard,
	focusedNoteId,
	joinAsGuest,
	noteTexts,
	readJoinLink,
	signUp
} from './helpers.ts';

test('two people type in one note at once and neither loses a letter', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Hélène Hôte');
	await createBoard(host, 'Atelier à deux');
	const link = await readJoinLink(host);
	const guest = await joinAsGuest(browser, { link, name: 'Gaspard Invité', category: 'Agent' });
	await host.getByRole('button', { name: 'Nouvelle note' }).click();
	const id = await focusedNoteId(host);
	await host.keyboard.type('AAAA');
	await expect.poll(() => noteTexts(guest)).toEqual(['AAAA']);

	// Both type at the same time: one at the end, the other at the start.
	const guestNote = guest.locator(`[data-note-id="${id}"]`);
	await guestNote.focus();
	await guest.keyboard.press('Enter');
	await guest.keyboard.press('Home');
	await Promise.all([
		host.keyboard.type('bbbbbbbb', { delay: 15 }),
		guest.keyboard.type('cccccccc', { delay: 15 })
	]);
	for (const page of [host, guest]) {
		await expect.poll(() => noteTexts(page)).toEqual(['ccccccccAAAAbbbbbbbb']);
	}
	await guest.context().close();
});

test('undo takes back only one’s own changes, never another person’s', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Ulysse Undo');
	await createBoard(host, 'Atelier annuler');
	const link = await readJoinLink(host);
	const guest = await joinAsGuest(browser, { link, name: 'Rita Remote', category: 'Usager' });

	await host.getByRole('button', { name: 'Nouvelle note' }).click();
	await host.keyboard.type('Note de l’hôte');
	await host.keyboard.press('Escape');
	await expect.poll(() => noteTexts(guest)).toEqual(['Note de l’hôte']);

	await guest.getByRole('button', { name: 'Nouvelle note' }).click();
	await guest.keyboard.type('Note invitée');
	await guest.keyboard.press('Escape');
	await expect.poll(() => noteTexts(host)).toHaveLength(2);
	// The guest's note is still selected: the host sees it outlined with the guest's name.
	await expect(host.locator('[data-remote-selection="Rita Remote"]')).toBeAttached();

	// The host undoes twice: its note's text, then the note itself. The guest's note stays.
	await host.getByRole('button', { name: 'Annuler', exact: true }).click();
	await host.getByRole('button', { name: 'Annuler', exact: true }).click();
	for (const page of [host, guest]) {
		await expect.poll(() => noteTexts(page)).toEqual(['Note invitée']);
	}
	await expect(host.getByRole('button', { name: 'Annuler', exact: true })).toBeDisabled();

	// Redo brings the host's note back.
	await host.keyboard.press('Control+Shift+z');
	await host.keyboard.press('Control+Shift+z');
	for (const page of [host, guest]) {
		await expect
			.poll(async () => (await noteTexts(page)).sort())
			.toEqual(['Note de l’hôte', 'Note invitée']);
	}
	await guest.context().close();
});
