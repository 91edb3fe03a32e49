import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	addNote,
	createBoard,
	createWorkshop,
	joinAsGuest,
	readJoinLink,
	signUp
} from './helpers.ts';
import { LAPTOP } from './live-helpers.ts';

test.use({ viewport: LAPTOP });

test('screen readers hear joins and leaves one by one, others’ notes grouped, a vote opening and closing, the timer pausing, the board locked', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Atelier annonces');
	await page.getByRole('link', { name: 'Atelier annonces', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const heard = page.locator('[data-live-announcer]');
	await expect(heard).toHaveAttribute('aria-live', 'polite');

	const paul = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	await expect(heard).toHaveText('Paul Usager a rejoint le tableau');
	const elise = await joinAsGuest(browser, { link, name: 'Élise Élue', category: 'Élu·e' });
	// Only the arrival, never the whole list again.
	await expect(heard).toHaveText('Élise Élue a rejoint le tableau');

	// Two notes in a row by someone else: one sentence, not two.
	await addNote(elise, 'Une');
	await addNote(elise, 'Deux');
	await expect(heard).toHaveText('2 notes ont été ajoutées par d’autres personnes');

	const paulHears = paul.locator('[data-live-announcer]');
	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await expect(paulHears).toHaveText('Un vote est ouvert');
	await page.getByRole('button', { name: 'Clore le vote' }).click();
	await expect(paulHears).toHaveText('Le vote est clos');

	await page.getByLabel('Nouvelle étape').fill('Priorités');
	await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
	await page.getByRole('button', { name: 'Passer à l’étape « Priorités »' }).click();
	await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
	await page.getByRole('button', { name: 'Mettre en pause', exact: true }).click();
	await expect(paulHears).toHaveText('Le minuteur est en pause');

	await page.getByRole('button', { name: 'Verrouiller le tableau' }).click();
	await expect(paulHears).toHaveText('Le tableau est verrouillé');

	await elise.context().close();
	await expect(heard).toHaveText('Élise Élue a quitté le tableau');
	await paul.context().close();
});

/** From a freshly loaded page, presses Tab until `target` has the focus; fails after `max`. */
async function tabFromTop(page: Page, target: Locator, max = 4): Promise<void> {
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((node) => node === document.activeElement)) return;
	}
	throw new Error(`not reached in ${max} presses of Tab`);
}

test('skip links reach the canvas, the tools, the session controls and a participant’s hand in one press; the note being written has its own outline', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	await createBoard(page, 'Atelier raccourcis');
	const link = await readJoinLink(page);

	await tabFromTop(page, page.getByRole('link', { name: 'Aller au tableau' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: /^Tableau/ })).toBeFocused();

	await tabFromTop(page, page.getByRole('link', { name: 'Aller aux commandes de séance' }));
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Mains levées : 0' })).toBeFocused();

	await tabFromTop(page, page.getByRole('link', { name: 'Aller aux outils' }));
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	const newNote = page.getByRole('button', { name: 'Nouvelle note' });
	await expect(newNote).toBeFocused();

	// The note's text area, being written, has an outline of its own.
	await page.keyboard.press('Enter');
	const area = page.getByRole('textbox', { name: 'Texte de la note' });
	await expect(area).toBeFocused();
	await expect(area).toHaveCSS('outline-style', 'solid');
	await expect(area).toHaveCSS('outline-width', '2px');
	await page.keyboard.press('Escape');

	// A participant: "raise hand" is one press after its skip link.
	const guest = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	await tabFromTop(guest, guest.getByRole('link', { name: 'Aller à la participation' }), 5);
	await guest.keyboard.press('Enter');
	await guest.keyboard.press('Tab');
	await expect(guest.getByRole('button', { name: 'Lever la main' })).toBeFocused();
	await guest.keyboard.press('Enter');
	await expect(guest.getByRole('button', { name: 'Baisser la main' })).toBeVisible();
	await guest.context().close();
});
