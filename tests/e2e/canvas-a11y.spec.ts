import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createBoard, readJoinLink, signUp } from './helpers.ts';

/** Serious and critical axe violations on the page, as `rule: target` lines (WCAG 2.1 A/AA). */
async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

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
