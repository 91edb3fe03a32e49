import { expect, test, type Page } from '@playwright/test';
import { pdfText, svgText } from '../helpers/export-parsing.ts';
import { rawKeysIn } from '../helpers/raw-keys.ts';
import { addNote, createWorkshop, joinAsGuest, signUp } from './helpers.ts';

/**
 * Every output of a workshop, in French and in English, reads in words: no stored key (category,
 * role, state, event type), no untranslated message, no unfilled placeholder; dates in the
 * reader's format. Pages are read as rendered text (never URLs or attributes); files through a
 * real parser (PDF text layer, SVG text nodes, CSV as text).
 */

const BOARD_TITLE = 'Cœur de ville';
const SETTINGS = 'Réglages de l’atelier';

/** The visible text of the page's main content, after its charts and tables are drawn. */
async function pageText(page: Page, path: string): Promise<string> {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(200);
	await page.waitForLoadState('networkidle');
	return page.locator('main').innerText();
}

/** The text of an export, parsed the way its reader would. */
async function exportText(page: Page, path: string): Promise<string> {
	const response = await page.request.get(path);
	expect(response.status(), path).toBe(200);
	const body = await response.body();
	if (path.endsWith('.pdf')) return pdfText(new Uint8Array(body));
	if (path.endsWith('.svg')) return svgText(body.toString('utf8'));
	return body.toString('utf8');
}

test('every page and file of a workshop’s outputs reads in words, in French and in English', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await signUp(page, 'Fatima Sortie');
	await page.goto('/programmes');
	await page.getByLabel('Titre du programme').fill('Parcours centre-ville');
	await page.getByRole('button', { name: 'Créer le programme' }).click();
	await expect(page).toHaveURL(/\/programmes\/[a-z0-9]+$/);
	const programmePath = new URL(page.url()).pathname;

	const link = await createWorkshop(page, BOARD_TITLE);
	const workshopPath = new URL(page.url()).pathname;
	await page
		.getByLabel('Programme de cet atelier')
		.selectOption({ label: 'Parcours centre-ville' });
	await page.getByRole('button', { name: 'Enregistrer le programme' }).click();
	await expect(page.getByText('Programme de l’atelier enregistré.')).toBeVisible();

	// The join page says which role the link gives.
	const usager = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	const boardPath = new URL(usager.url()).pathname;
	const boardId = boardPath.split('/').pop() ?? '';
	await addNote(usager, 'Une navette le samedi − 12,5 % « moins cher »');
	await expect(usager.locator('[data-save-state]')).toHaveText('Enregistré');

	// After the feedback form, the participant is shown where to go next.
	await usager.goto(`${workshopPath}/feedback`);
	await expect(usager.getByRole('link', { name: 'Revenir au tableau' })).toHaveAttribute(
		'href',
		boardPath
	);

	// The date is typed in two labelled fields whose format does not follow the browser's language.
	await page.goto(workshopPath);
	await expect(page.locator('input[type="datetime-local"], input[type="date"]')).toHaveCount(0);
	const settings = page.getByRole('region', { name: SETTINGS });
	await expect(settings.getByText('Format : jj/mm/aaaa et hh:mm (24 h)')).toBeVisible();
	await settings.getByLabel('Date', { exact: true }).fill('04/12/2026');
	await settings.getByLabel('Heure de début').fill('14 h 30');
	await settings.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(settings.getByText('Enregistré.', { exact: true })).toBeVisible();
	await page.reload();
	await expect(settings.getByLabel('Date', { exact: true })).toHaveValue('04/12/2026');
	await expect(settings.getByLabel('Heure de début')).toHaveValue('14:30');
	// The report reads the same wall-clock time (Paris), whatever zone the server runs in.
	await page.goto(`${workshopPath}/report`);
	await expect(page.getByText('4 décembre 2026, 14\u202fh\u202f30')).toBeVisible();
	await page.goto(workshopPath);

	await page.getByLabel('Je confirme').check();
	await page.getByRole('button', { name: 'Archiver l’atelier' }).click();
	await expect(page.getByText('Cet atelier est archivé')).toBeVisible();
	const publication = page.getByRole('region', { name: 'Résultats publics' });
	await publication.getByRole('checkbox', { name: BOARD_TITLE }).check();
	await publication.getByRole('button', { name: 'Publier les résultats' }).click();
	const publicLink = await publication.getByLabel('Lien de la page publique').inputValue();
	const publicPath = new URL(publicLink).pathname;

	const pages = [
		`${workshopPath}/report`,
		programmePath,
		publicPath,
		`${workshopPath}/replay`,
		`${workshopPath}/replay/${boardId}`
	];
	const files = [
		`/api/workshops/${workshopPath.split('/').pop()}/report.pdf`,
		`/api/boards/${boardId}/export.pdf`,
		`/api/boards/${boardId}/export.svg`,
		`/api/boards/${boardId}/items.csv`,
		`/api/boards/${boardId}/outline.md`,
		`${publicPath}/boards/${boardId}.svg`
	];

	for (const locale of ['fr', 'en'] as const) {
		await page
			.context()
			.addCookies([{ name: 'croisee-locale', value: locale, url: new URL(page.url()).origin }]);
		const found: Record<string, string[]> = {};
		for (const path of pages) {
			const text = await pageText(page, path);
			if (path.endsWith(boardId)) {
				// The comparison table by category: moment A at the start, B at the end.
				const slider = page.getByRole('slider');
				await slider.press('Home');
				await page.getByRole('button', { name: /repère A|reference A/ }).click();
				await slider.press('End');
				await expect(page.getByTestId('compare-counts')).toBeVisible();
				found[`${path} (compare)`] = rawKeysIn(await page.locator('main').innerText(), locale);
			}
			found[path] = rawKeysIn(text, locale);
			expect(text, path).not.toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
		}
		for (const path of files) found[path] = rawKeysIn(await exportText(page, path), locale);
		expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));

		const report = await pageText(page, `${workshopPath}/report`);
		const pdf = (await exportText(page, files[0]!)).replace(/\s+/g, ' ');
		if (locale === 'fr') {
			expect(report).toContain('Usagers');
			expect(report).toMatch(/\d{1,2}\u202fh\u202f\d{2}/);
			expect(pdf).toContain('Usagers');
			expect(pdf).toContain('4 décembre 2026');
			expect(pdf).toContain('Fatima Sortie');
			expect(pdf).toMatch(/Page 1 sur \d+/);
			expect(pdf).toContain('Une navette le samedi − 12,5 % « moins cher »');
		} else {
			expect(report).toContain('Service users');
			expect(report).toMatch(/\d{1,2}:\d{2}\s?[AP]M/);
			expect(pdf).toContain('Service users');
			expect(pdf).toContain('December 4, 2026');
			expect(pdf).toMatch(/Page 1 of \d+/);
		}
	}
	await usager.context().close();
});
