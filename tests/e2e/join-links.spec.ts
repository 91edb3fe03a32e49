import { expect, test } from '@playwright/test';
import { createBoard, readJoinLink, signUp } from './helpers.ts';

test('an unknown join link shows a clear 404 page', async ({ page }) => {
	const response = await page.goto('/join/this-code-does-not-exist');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ce lien d’invitation n’existe pas.'
	);
	await expect(page.getByText('Demandez un nouveau lien')).toBeVisible();
});

test('a revoked join link shows a clear 410 page, and a new link works', async ({
	page,
	browser
}) => {
	await signUp(page, 'Rémi Animateur');
	await createBoard(page, 'Atelier révoqué');
	const oldLink = await readJoinLink(page);
	await page.getByRole('button', { name: 'Désactiver le lien' }).click();
	await expect(page.getByText('Le lien est désactivé.')).toBeVisible();
	await expect(page.getByText('Aucun lien actif.')).toBeVisible();

	const guest = await (await browser.newContext()).newPage();
	const response = await guest.goto(oldLink);
	expect(response?.status()).toBe(410);
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText(
		'Ce lien d’invitation a été désactivé.'
	);
	await expect(guest.getByText('Demandez un nouveau lien')).toBeVisible();

	await page.getByRole('button', { name: 'Nouveau lien' }).click();
	const newLink = await page.getByLabel('Lien d’invitation', { exact: true }).inputValue();
	expect(newLink).not.toBe(oldLink);
	await guest.goto(newLink);
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText(
		'Rejoindre l’atelier « Atelier révoqué »'
	);
	await guest.context().close();
});

test('a board one may not open shows a clear page, and a visitor is sent to sign in', async ({
	page,
	browser
}) => {
	await signUp(page, 'Nadia Animatrice');
	const boardUrl = await createBoard(page, 'Atelier privé');
	const other = await (await browser.newContext()).newPage();
	await other.goto(boardUrl);
	await expect(other).toHaveURL(/\/login\?next=%2Fboards%2F/);
	await signUp(other, 'Paul Curieux');
	const response = await other.goto(boardUrl);
	expect(response?.status()).toBe(403);
	await expect(other.getByRole('heading', { level: 1 })).toHaveText(
		'Vous n’avez pas accès à ce tableau.'
	);
	await other.context().close();
});
