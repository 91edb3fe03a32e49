import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { addNote, signUp } from './helpers.ts';

test('a facilitator publishes an archived workshop’s board; a signed-out visitor reads it, accessibly and without names', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Publique');
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill('Atelier publié');
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	const workshopUrl = page.url();

	await page.getByRole('link', { name: 'Atelier publié', exact: true }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	await addNote(page, 'Rampe d’accès à la mairie');
	await expect(page.locator('[data-save-state]')).toHaveText('Enregistré');

	await page.goto(workshopUrl);
	const publication = page.getByRole('region', { name: 'Résultats publics' });
	await expect(publication).toContainText('une fois l’atelier archivé');
	await expect(publication.getByRole('button', { name: 'Publier les résultats' })).toHaveCount(0);
	await page.getByLabel('Je confirme').check();
	await page.getByRole('button', { name: 'Archiver l’atelier' }).click();
	await expect(page.getByText('Cet atelier est archivé')).toBeVisible();

	await publication.getByRole('checkbox', { name: 'Atelier publié' }).check();
	await publication.getByRole('button', { name: 'Publier les résultats' }).click();
	const field = publication.getByLabel('Lien de la page publique');
	await expect(field).toHaveValue(/\/results\/[\w-]+$/);
	const link = await field.inputValue();

	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto(link);
	await expect(visitor.getByRole('heading', { level: 1, name: 'Atelier publié' })).toBeVisible();
	const board = visitor.getByRole('img', { name: /Le tableau « Atelier publié »/ });
	await expect(board).toBeVisible();
	await expect
		.poll(() => board.evaluate((img) => (img as HTMLImageElement).naturalWidth))
		.toBeGreaterThan(0);
	await visitor.getByText('Texte du tableau').click();
	await expect(visitor.getByText('Rampe d’accès à la mairie')).toBeVisible();
	const table = visitor.getByRole('table', { name: 'Participants par catégorie' });
	await expect(table).toBeVisible();
	await expect(table.getByRole('rowheader', { name: 'usager' })).toBeVisible();
	await expect(visitor.locator('body')).not.toContainText('Fatima');

	const results = await new AxeBuilder({ page: visitor })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
	expect(serious).toEqual([]);

	await publication.getByRole('button', { name: 'Dépublier' }).click();
	await expect(publication.getByText('ne sont plus publiés')).toBeVisible();
	expect((await visitor.reload())?.status()).toBe(404);
	await visitor.context().close();
});
