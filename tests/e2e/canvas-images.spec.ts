import { expect, test } from '@playwright/test';
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
