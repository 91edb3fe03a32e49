import { expect, test } from '@playwright/test';
import { PASSWORD, createBoard, signUp } from './helpers.ts';

test('a facilitator signs up, signs out, signs in again, creates a board and reads its join link', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Co-construire');
	const email = await signUp(page, 'Fatima Facilitatrice');
	await expect(page.getByRole('heading', { level: 1, name: 'Mes tableaux' })).toBeVisible();
	await expect(page.getByText('Bonjour Fatima Facilitatrice.')).toBeVisible();

	await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('link', { name: 'Créer un compte animateur' })).toBeVisible();
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/login\?next=/);

	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill('not the password');
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');

	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.getByText('Vous n’avez encore aucun tableau.')).toBeVisible();

	await createBoard(page, 'Accueil en mairie');
	// The board page is the canvas under a slim bar: back to the dashboard by its own link.
	await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	const card = page.getByRole('article', { name: 'Accueil en mairie' });
	await expect(card.getByText('Animateur·rice')).toBeVisible();
	await card.getByRole('button', { name: /lien d’invitation/ }).click();
	await expect(card.getByLabel('Lien d’invitation', { exact: true })).toHaveValue(
		/^http:\/\/127\.0\.0\.1:\d+\/join\/[\w-]+$/
	);
	await card.getByRole('button', { name: 'Copier' }).click();
	await expect(card.getByRole('status')).not.toBeEmpty();
});

test('sign-up errors are shown in words next to each field', async ({ page }) => {
	await page.goto('/signup');
	await page.getByLabel('Nom').fill('Ana');
	await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
	await page.getByLabel('Mot de passe').fill('court');
	await page.getByRole('button', { name: 'Créer mon compte' }).click();
	await expect(page.getByText('Indiquez une adresse e-mail valide')).toBeVisible();
	await expect(page.getByText('au moins 12 caractères variés')).toBeVisible();
	await expect(page.getByLabel('Adresse e-mail')).toBeFocused();
	await expect(page.getByLabel('Adresse e-mail')).toHaveValue('pas-une-adresse');
});
