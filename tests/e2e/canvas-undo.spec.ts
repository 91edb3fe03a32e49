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

	// The host undoes until its button greys out: its note's text (typing is grouped into
	// steps of half a second, so a slow machine may make it two), then the note itself.
	// The guest's note is never touched, at any step.
	const undo = host.getByRole('button', { name: 'Annuler', exact: true });
	let undos = 0;
	while (await undo.isEnabled()) {
		expect(undos, 'the host has only a note and its text to undo').toBeLessThan(6);
		await undo.click();
		undos += 1;
		await expect.poll(() => noteTexts(guest)).toContain('Note invitée');
	}
	expect(undos, 'a text step and the note itself').toBeGreaterThanOrEqual(2);
	for (const page of [host, guest]) {
		await expect.poll(() => noteTexts(page)).toEqual(['Note invitée']);
	}

	// Redo, as many times, brings the host's note back with its text.
	for (let step = 0; step < undos; step += 1) {
		await host.keyboard.press('Control+Shift+z');
	}
	await expect(host.getByRole('button', { name: 'Rétablir', exact: true })).toBeDisabled();
	for (const page of [host, guest]) {
		await expect
			.poll(async () => (await noteTexts(page)).sort())
			.toEqual(['Note de l’hôte', 'Note invitée']);
	}
	await guest.context().close();
});
