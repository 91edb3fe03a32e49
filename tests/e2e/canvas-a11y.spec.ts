import { expect, test } from '@playwright/test';
import { createBoard, readJoinLink, seriousViolations, signUp } from './helpers.ts';

test('the dashboard, the join page and a busy board have no serious accessibility violation', async ({
	page,
	browser
}) => {
	await signUp(page, 'Axel Accessible');
	await createBoard(page, 'Atelier accessible');
	const link = await readJoinLink(page);
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	for (const key of ['f', 'Escape', 'Escape', 'n', 'Escape', 'r', 'Escape', 't', 'Escape']) {
		await page.keyboard.press(key);
	}
	await page.getByRole('button', { name: 'Plan', exact: true }).click();
	await expect(page.locator('[data-outline]')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await page.keyboard.press('?');
	await expect(page.getByRole('dialog')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');

	await page.goto('/dashboard');
	expect(await seriousViolations(page)).toEqual([]);

	const context = await browser.newContext();
	const guest = await context.newPage();
	await guest.goto(link);
	await expect(guest.getByRole('button', { name: 'Rejoindre le tableau' })).toBeVisible();
	expect(await seriousViolations(guest)).toEqual([]);
	await context.close();
});
