import { expect, test } from '@playwright/test';
import { signUp } from './helpers.ts';

test('a facilitator prepares a workshop, invites élus by QR link into a waiting room, admits and removes one', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill('Mobilité solidaire');
	await page.getByLabel('Objectif').fill('Repenser le transport à la demande');
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Mobilité solidaire' })).toBeVisible();

	await page.getByLabel('Catégories (une par ligne)').fill('usager\nagent\nelu\ntravailleur pair');
	await page.getByRole('radio', { name: 'Salle d’attente' }).check();
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(page.getByText('Enregistré.')).toBeVisible();
	// The place is a labelled field of its own, kept across a reload.
	await page.getByLabel('Lieu').fill('Salle du conseil, mairie de Villeurbanne');
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await page.reload();
	await expect(page.getByLabel('Lieu')).toHaveValue('Salle du conseil, mairie de Villeurbanne');
	// Each on/off setting is a checkbox of its own size right before its words, not a box floating
	// in the middle of the form with its label pushed to the edge.
	for (const name of ['Mode anonyme', 'Les évaluateurs voient les noms']) {
		const checkbox = page.getByRole('checkbox', { name });
		const box = (await checkbox.boundingBox())!;
		// Where the label's words start: the text after the checkbox inside its label.
		const wordsX = await checkbox.evaluate((input) => {
			const range = document.createRange();
			range.setStartAfter(input);
			range.setEndAfter(input.parentElement!.lastChild!);
			return range.getBoundingClientRect().x;
		});
		expect(box.width).toBeLessThan(32);
		expect(wordsX - (box.x + box.width)).toBeGreaterThanOrEqual(0);
		expect(wordsX - (box.x + box.width)).toBeLessThan(24);
	}

	await page.getByLabel('Catégorie', { exact: true }).selectOption('elu');
	await page.getByLabel('Note (facultatif').fill('élus');
	await page.getByRole('button', { name: 'Créer le lien' }).click();
	const eluLink = page
		.getByRole('listitem')
		.filter({ hasText: 'élus — Donne le rôle : Participant·e · Élu·e' });
	await expect(eluLink).toBeVisible();
	await eluLink.getByText('Afficher le QR code').click();
	const qr = eluLink.getByRole('img', { name: /QR code du lien élus/ });
	await expect(qr).toBeVisible();
	expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
	const link = await eluLink.getByLabel('Lien d’invitation').inputValue();

	const guest = await (await browser.newContext()).newPage();
	await guest.goto(link);
	await expect(guest.getByText('Repenser le transport à la demande')).toBeVisible();
	await expect(guest.getByText('Vous participez en tant que : Élu·e')).toBeVisible();
	await guest.getByLabel('Nom affiché').fill('Élise Élue');
	await guest.getByRole('button', { name: 'Rejoindre le tableau' }).click();
	await expect(guest).toHaveURL(/\/waiting$/);
	await expect(guest.getByRole('heading', { name: 'Salle d’attente' })).toBeVisible();

	const waiting = page.locator('[data-person="Élise Élue"]');
	await expect(waiting.getByRole('button', { name: 'Admettre' })).toBeVisible();
	await waiting.getByRole('button', { name: 'Admettre' }).click();
	await expect(guest).toHaveURL(/\/boards\/[a-z0-9]+$/, { timeout: 15_000 });
	await expect(page.locator('[data-person="Élise Élue"]')).toContainText('En ligne', {
		timeout: 15_000
	});

	const row = page.locator('[data-person="Élise Élue"]');
	await row.getByLabel('et désactiver son lien').check();
	await row.getByRole('button', { name: 'Retirer Élise Élue' }).click();
	await expect(page.locator('[data-person="Élise Élue"]')).toHaveCount(0);
	await expect(eluLink.getByText('Désactivé')).toBeVisible();
	const response = await guest.reload();
	expect(response?.status()).toBe(403);
	await guest.context().close();
});
