import { expect, test, type Page } from '@playwright/test';
import { joinAsGuest, signUp } from './helpers.ts';

/** Shows the criterion frame from the outline, then writes a new note there (key N). */
async function rate(page: Page, input: { criterion: string; text: string }) {
	await page.getByRole('button', { name: 'Plan', exact: true }).click();
	const section = page.locator('section, li').filter({ hasText: input.criterion }).first();
	await section.getByRole('button', { name: 'Voir sur le tableau' }).first().click();
	await page.keyboard.press('Escape');
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	await page.keyboard.press('n');
	await page.keyboard.type(input.text);
	await page.keyboard.press('Escape');
}

test('a barometer board shows the usager−agent gap per criterion, live', async ({
	page,
	browser
}) => {
	await signUp(page, 'Bernard Animateur');
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill('Accueil en mairie');
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	const link = await page.getByLabel('Lien d’invitation').first().inputValue();
	await page.getByLabel('Nouveau tableau').fill('Baromètre');
	await page.getByLabel('Modèle').selectOption('barometer');
	await page.getByRole('button', { name: 'Ajouter le tableau' }).click();
	await page.getByRole('link', { name: 'Baromètre', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const url = page.url();

	await page.getByRole('button', { name: 'Baromètre', exact: true }).click();
	// The report's barometer chart, live, with its data table (usagers and agents from the start).
	await expect(
		page.getByRole('img', { name: 'Note moyenne par critère et par catégorie' })
	).toBeVisible();
	const table = page.getByRole('table', { name: 'Note moyenne par critère et par catégorie' });
	await expect(table.getByRole('columnheader')).toHaveText([
		'Critère',
		'Usagers',
		'Agents',
		'Écart Usagers − Agents'
	]);
	const accueil = table.getByRole('row', { name: /Accueil/ });
	await expect(accueil.getByRole('cell')).toHaveText(['–', '–', '–']);

	const usager = await joinAsGuest(browser, { link, name: 'Paul', category: 'Usager' });
	await usager.goto(url);
	await rate(usager, { criterion: 'Accueil', text: '2 — on attend debout' });
	const agent = await joinAsGuest(browser, { link, name: 'Aline', category: 'Agent' });
	await agent.goto(url);
	await rate(agent, { criterion: 'Accueil', text: '4' });

	await expect(accueil.getByRole('cell').nth(0)).toHaveText('2');
	await expect(accueil.getByRole('cell').nth(1)).toHaveText('4');
	await expect(accueil.getByRole('cell').nth(2)).toHaveText(/^[-−]2$/);
	await expect(
		table
			.getByRole('row', { name: /Délais/ })
			.getByRole('cell')
			.nth(2)
	).toHaveText('–');
});
