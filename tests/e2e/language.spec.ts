import { expect, test } from '@playwright/test';

test('the interface switches to English and stays English after a reload', async ({ page }) => {
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se connecter');

	await page.getByRole('button', { name: 'Switch the interface to English' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await page.goto('/join/unknown-code');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'This join link does not exist.'
	);

	await page.getByRole('button', { name: 'Passer l’interface en français' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
