import { expect, test } from '@playwright/test';
import { addNote, noteTexts, signUp } from './helpers.ts';

test('a facilitator saves a board with notes as a template, starts a new board from it and manages it', async ({
	page
}) => {
	await signUp(page, 'Fatima Animatrice');
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill('Mobilité solidaire');
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	const workshopUrl = page.url();
	await page.getByRole('link', { name: 'Mobilité solidaire', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	await addNote(page, 'Qui décide ?');
	await addNote(page, 'Avec quel budget ?');
	await expect(page.locator('[data-save-state]')).toHaveText('Enregistré');

	await page.getByRole('button', { name: 'Animer' }).click();
	const save = page.getByRole('button', { name: 'Enregistrer comme modèle' });
	await save.click();
	const dialog = page.getByRole('dialog', { name: 'Enregistrer ce tableau comme modèle' });
	await expect(dialog).toBeVisible();
	const name = dialog.getByLabel('Nom du modèle');
	await expect(name).toBeFocused();
	await expect(name).toHaveValue('Mobilité solidaire');
	await name.fill('Constats et questions');
	await dialog.getByRole('button', { name: 'Enregistrer le modèle' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText('Modèle « Constats et questions » enregistré.')).toBeVisible();
	await expect(save).toBeFocused();

	await page.goto(workshopUrl);
	await page.getByLabel('Nouveau tableau').fill('Suite des constats');
	await page.getByLabel('Modèle').selectOption({ label: 'Constats et questions' });
	await page.getByRole('button', { name: 'Ajouter le tableau' }).click();
	await page.getByRole('link', { name: 'Suite des constats', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Suite des constats' })).toBeVisible();
	await expect
		.poll(() => noteTexts(page).then((texts) => texts.sort()))
		.toEqual(['Avec quel budget ?', 'Qui décide ?']);

	await page.goto('/dashboard');
	const mine = page.getByRole('region', { name: 'Mes modèles' });
	await mine.getByLabel('Nom du modèle « Constats et questions »').fill('Constats v2');
	await mine.getByRole('button', { name: 'Renommer le modèle « Constats et questions »' }).click();
	await expect(mine.getByText('Modèle renommé.')).toBeVisible();
	await mine.getByRole('button', { name: 'Supprimer le modèle « Constats v2 »' }).click();
	await expect(mine.getByText('Modèle supprimé.')).toBeVisible();
	await expect(mine.getByText('Aucun modèle pour le moment', { exact: false })).toBeVisible();
});
