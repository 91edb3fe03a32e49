import { expect, test } from '@playwright/test';
import { createWorkshop, signUp } from './helpers.ts';

test('the workshop page’s refresh of its people list never cancels a link being followed', async ({
	page
}) => {
	await signUp(page, 'Nora Navigation');
	await createWorkshop(page, 'Atelier au bilan lent');
	// The report's data takes longer than one refresh of the people list (every 4 s).
	await page.route(/\/report\/__data\.json/, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 5000));
		await route.continue();
	});
	await page.getByRole('link', { name: 'Bilan de la séance' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+\/report$/, { timeout: 15_000 });
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Atelier au bilan lent');
});
