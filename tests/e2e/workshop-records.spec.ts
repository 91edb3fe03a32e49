import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { signUp } from './helpers.ts';

test('a facilitator sets a retention, downloads the workshop record and imports it as an archived workshop', async ({
	page
}) => {
	await signUp(page, 'Fatima Animatrice');
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill('Mobilité solidaire');
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	const original = page.url();

	const retention = page.getByLabel('Durée de conservation du journal détaillé (mois)');
	await expect(retention).toHaveAccessibleDescription(/Laisser vide pour tout conserver/);
	await retention.fill('24');
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(page.getByText('Enregistré.')).toBeVisible();
	await page.reload();
	await expect(retention).toHaveValue('24');

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Télécharger la séance (JSON)' }).click();
	const download = await downloading;
	const file = await download.path();
	const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string };
	expect(record.format).toBe('croisee-session');

	await page.goto('/workshops');
	const picker = page.getByLabel('Fichier de séance (.json)');
	await picker.setInputFiles({
		name: 'autre.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"format":"autre","version":1}')
	});
	await page.getByRole('button', { name: 'Importer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Ce fichier n’est pas une séance Croisée dans une version connue.'
	);

	// The account's home page offers the same import.
	await page.goto('/dashboard');
	await page.getByLabel('Fichier de séance (.json)').setInputFiles(file);
	await page.getByRole('button', { name: 'Importer' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	expect(page.url()).not.toBe(original);
	await expect(page.getByRole('heading', { level: 1, name: 'Mobilité solidaire' })).toBeVisible();
	await expect(page.getByText('Cet atelier est archivé')).toBeVisible();
	// Archived: only how the record is read and kept may still change.
	await expect(page.getByLabel('Titre', { exact: true })).toHaveCount(0);
	const kept = page.getByLabel('Durée de conservation du journal détaillé (mois)');
	await kept.fill('6');
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(page.getByText('Enregistré.')).toBeVisible();
	await page.reload();
	await expect(kept).toHaveValue('6');
});
