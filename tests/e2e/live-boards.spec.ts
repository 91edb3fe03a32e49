import { expect, test } from '@playwright/test';
import { createWorkshop, joinAsGuest, signUp } from './helpers.ts';
import { LAPTOP } from './live-helpers.ts';

test.use({ viewport: LAPTOP });

test('a guest moves between boards with the switcher; a template board opens fitted; the facilitator sends everyone to a board', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Atelier deux tableaux');
	await page.getByLabel('Nouveau tableau').fill('Parcours');
	await page.getByLabel('Modèle').selectOption({ label: 'Parcours usager' });
	await page.getByRole('button', { name: 'Ajouter le tableau' }).click();
	await expect(page.getByRole('link', { name: 'Parcours', exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Atelier deux tableaux', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const plenary = page.url();

	const guest = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	await expect(guest).toHaveURL(plenary);
	await guest.getByRole('button', { name: 'Changer de tableau' }).click();
	await guest.getByRole('link', { name: 'Parcours' }).click();
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Parcours');
	await expect(guest.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const journey = guest.url();
	expect(journey).not.toBe(plenary);

	// Made from a template, the board opens with its content inside the screen, not cut.
	const items = guest.locator('[data-item-id]');
	await expect.poll(() => items.count()).toBeGreaterThan(1);
	await expect(async () => {
		for (const box of await items.evaluateAll((nodes) =>
			nodes.map((node) => node.getBoundingClientRect().toJSON())
		)) {
			expect(box.left).toBeGreaterThanOrEqual(0);
			expect(box.top).toBeGreaterThanOrEqual(0);
			expect(box.right).toBeLessThanOrEqual(LAPTOP.width);
			expect(box.bottom).toBeLessThanOrEqual(LAPTOP.height);
		}
	}).toPass({ timeout: 5_000 });

	// From the plenary board, "send everyone here" brings the guest back.
	await page.getByRole('button', { name: 'Changer de tableau' }).click();
	await page.getByRole('button', { name: 'Envoyer tout le monde ici' }).click();
	await expect(guest).toHaveURL(plenary);
	await expect(guest.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	await expect(page).toHaveURL(plenary);
	await guest.context().close();
});
