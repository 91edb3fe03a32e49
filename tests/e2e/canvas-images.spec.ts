import { expect, test } from '@playwright/test';
import { copyText, pasteText } from './canvas-helpers.ts';
import { createBoard, signUp } from './helpers.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

test('an uploaded image appears on the board, with a description; a fake image is refused clearly', async ({
	page
}) => {
	await signUp(page, 'Iris Image');
	await createBoard(page, 'Atelier images');
	const input = page.locator('input[type="file"]');

	await input.setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: PNG });
	const image = page.locator('[data-type="image"] img');
	await expect(image).toBeVisible();
	await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
	await page.keyboard.type('Plan du quartier');
	await expect(image).toHaveAttribute('alt', 'Plan du quartier');

	await input.setInputFiles({
		name: 'virus.png',
		mimeType: 'image/png',
		buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
	});
	await expect(page.getByRole('alert')).toContainText('Format non accepté');
	await expect(page.locator('[data-type="image"]')).toHaveCount(1);
});

test('an image copied from one board and pasted into another is shown there, from its own copy', async ({
	page
}) => {
	await signUp(page, 'Paula Paste');
	await createBoard(page, 'Atelier source');
	await page.locator('input[type="file"]').setInputFiles({
		name: 'plan.png',
		mimeType: 'image/png',
		buffer: PNG
	});
	const image = page.locator('[data-type="image"] img');
	await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
	const source = await image.getAttribute('src');
	await page.keyboard.press('Escape');
	await page.locator('[data-type="image"]').click();
	const clip = await copyText(page);
	expect(JSON.parse(clip)).toMatchObject({ items: [{ type: 'image' }] });

	await createBoard(page, 'Atelier cible');
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	await pasteText(page, clip);
	const pasted = page.locator('[data-type="image"] img');
	await expect.poll(() => pasted.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
	expect(await pasted.getAttribute('src')).not.toBe(source);
	await expect(page.getByText('1 objet collé.')).toBeAttached();
});
