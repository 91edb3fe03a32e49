import { expect, test } from '@playwright/test';
import { addNote, createBoard, joinAsGuest, readJoinLink, signUp } from './helpers.ts';

/** A point of the first note that the second (placed lower right) does not cover. */
const CORNER = { x: 12, y: 12 };

test('during a round, people vote by clicking objects or with V, take dots back, and read the votes in the outline once closed', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Fatima Facilitatrice');
	await createBoard(host, 'Atelier vote');
	const bus = await addNote(host, 'Bus du soir');
	const velo = await addNote(host, 'Pistes cyclables');
	const link = await readJoinLink(host);
	const guest = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });

	await host.getByRole('button', { name: 'Animer' }).click();
	await host.getByLabel('Points par personne').fill('3');
	await host.getByLabel('Un point par objet au plus').uncheck();
	await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
	const left = guest.getByText(/^Points restants : \d$/);
	await expect(left).toHaveText('Points restants : 3');

	const busNote = guest.locator(`[data-item-id="${bus}"]`);
	await busNote.click({ position: CORNER });
	await expect(left).toHaveText('Points restants : 2');
	await busNote.click({ position: CORNER });
	await expect(left).toHaveText('Points restants : 1');
	await expect(busNote.locator('[data-my-dots]')).toHaveAttribute('data-my-dots', '2');
	await expect(busNote).toHaveAccessibleName(/2 de vos points/);
	// Shift+click takes a dot back.
	await busNote.click({ modifiers: ['Shift'], position: CORNER });
	await expect(left).toHaveText('Points restants : 2');
	// Keyboard: V on the focused object.
	const veloNote = guest.locator(`[data-item-id="${velo}"]`);
	await veloNote.focus();
	await guest.keyboard.press('v');
	await expect(left).toHaveText('Points restants : 1');
	await expect(veloNote.locator('[data-my-dots]')).toHaveAttribute('data-my-dots', '1');

	await host.getByRole('button', { name: 'Clore le vote' }).click();
	await expect(left).toHaveCount(0);
	await guest.getByRole('button', { name: 'Plan', exact: true }).click();
	await expect(guest.locator(`[data-outline-item="${bus}"] [data-outline-votes]`)).toHaveText(
		'1 point (Usager 1)'
	);
	await expect(guest.locator(`[data-outline-item="${velo}"] [data-outline-votes]`)).toHaveText(
		'1 point (Usager 1)'
	);
	// After the round, a click selects again rather than voting.
	await busNote.click({ position: CORNER });
	await expect(busNote).toHaveClass(/selected/);
});
