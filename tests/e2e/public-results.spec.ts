import { expect, test } from '@playwright/test';
import {
	addNote,
	createWorkshop,
	joinAsGuest,
	seriousViolations,
	signUp,
	tableCells
} from './helpers.ts';

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
	// Nobody of any category took part but the facilitator: no category reaches the public
	// minimum of respondents, so none is named, no table of headings alone is drawn, and the page
	// says why.
	await expect(
		visitor
			.getByRole('heading', { name: 'Participants par catégorie' })
			.or(visitor.getByText('Participants par catégorie', { exact: true }))
	).toBeVisible();
	await expect(visitor.getByRole('table', { name: 'Participants par catégorie' })).toHaveCount(0);
	await expect(visitor.getByRole('rowheader')).toHaveCount(0);
	await expect(visitor.getByText('Aucun participant enregistré.')).toBeVisible();
	await expect(
		visitor.getByText('Une catégorie n’apparaît que si elle compte au moins 3')
	).toBeVisible();
	await expect(visitor.locator('body')).not.toContainText('Fatima');

	expect(await seriousViolations(visitor)).toEqual([]);

	await publication.getByRole('button', { name: 'Dépublier' }).click();
	await expect(publication.getByText('ne sont plus publiés')).toBeVisible();
	expect((await visitor.reload())?.status()).toBe(404);
	await visitor.context().close();
});

test('a facilitator groups a workshop into a programme and reads its charts and their tables from the report, in French and English, with no serious accessibility violation', async ({
	page,
	browser
}) => {
	await signUp(page, 'Paula Programme');
	await page.getByRole('link', { name: 'Programmes' }).click();
	await expect(page).toHaveURL(/\/programmes$/);
	await page.getByLabel('Titre du programme').fill('Parcours mobilité');
	await page.getByRole('button', { name: 'Créer le programme' }).click();
	await expect(page).toHaveURL(/\/programmes\/[a-z0-9]+$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Parcours mobilité' })).toBeVisible();
	await expect(page.getByText('Aucune séance dans ce programme')).toBeVisible();

	const link = await createWorkshop(page, 'Séance 1');
	const usager = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	await addNote(usager, 'Une navette le samedi');
	await expect(usager.locator('[data-save-state]')).toHaveText('Enregistré');
	await page.getByLabel('Programme de cet atelier').selectOption({ label: 'Parcours mobilité' });
	await page.getByRole('button', { name: 'Enregistrer le programme' }).click();
	await expect(page.getByText('Programme de l’atelier enregistré.')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// The workshop page links its programme too: follow the report's link, once on the report.
	await page.getByRole('link', { name: 'Bilan de la séance' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+\/report$/);
	await page.getByRole('link', { name: 'Programme : Parcours mobilité' }).click();
	await expect(page).toHaveURL(/\/programmes\/[a-z0-9]+$/);
	await expect(page.getByRole('listitem').filter({ hasText: 'Séance 1' })).toBeVisible();

	// One usager took part and wrote the only note: all of the people and of the contributions.
	const people = page.getByRole('table', { name: 'Part des participants par catégorie (%)' });
	await expect(people).toBeVisible();
	expect(await tableCells(people)).toEqual([
		['Séance', 'Usagers'],
		[expect.stringMatching(/^Séance 1 \(/), '100\u202f%']
	]);
	const voices = page.getByRole('table', { name: 'Part des contributions par catégorie (%)' });
	expect((await tableCells(voices))[1]?.[1]).toBe('100\u202f%');
	await expect(
		page.getByRole('img', { name: 'Part des participants par catégorie (%)' })
	).toBeVisible();
	// Nobody gave feedback yet: the chart says what to do instead of a blank area.
	await expect(page.getByText('Pas encore d’avis : proposez aux participants')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await page
		.context()
		.addCookies([{ name: 'croisee-locale', value: 'en', url: new URL(page.url()).origin }]);
	await page.reload();
	const peopleEn = page.getByRole('table', { name: 'Share of participants by category (%)' });
	expect(await tableCells(peopleEn)).toEqual([
		['Session', 'Service users'],
		[expect.stringMatching(/^Séance 1 \(/), '100%']
	]);
	await expect(page.getByText('No feedback yet: point participants')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await usager.context().close();
});
