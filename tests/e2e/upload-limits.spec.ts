import { expect, test, type Page } from '@playwright/test';
import { createBoard, signUp } from './helpers.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

/** A PNG one byte over the default MAX_UPLOAD_BYTES (10 MiB) of the server under test. */
function oversizedPng(): Buffer {
	const bytes = Buffer.alloc(10 * 1024 * 1024 + 1);
	PNG.copy(bytes);
	return bytes;
}

async function upload(page: Page, buffer: Buffer): Promise<void> {
	await page.locator('input[type="file"]').setInputFiles({
		name: 'photo.png',
		mimeType: 'image/png',
		buffer
	});
}

test('an image over the size limit or the workshop’s share is refused with a message in the person’s language', async ({
	page,
	context
}) => {
	await signUp(page, 'Lina Limite');
	const boardUrl = await createBoard(page, 'Atelier limites');

	await upload(page, oversizedPng());
	await expect(page.getByRole('alert')).toContainText('Image trop lourde');
	// The workshop's share used up (the server's answer, stood in for: filling 200 MB takes long).
	await page.route('**/api/boards/*/files', (route) =>
		route.fulfill({
			status: 413,
			json: { error: 'quota', code: 'workshop_quota_exceeded' }
		})
	);
	await upload(page, PNG);
	await expect(page.getByRole('alert')).toContainText('taille totale maximale');
	await page.unroute('**/api/boards/*/files');
	await expect(page.locator('[data-type="image"]')).toHaveCount(0);

	await context.addCookies([{ name: 'croisee-locale', value: 'en', url: boardUrl }]);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await upload(page, oversizedPng());
	await expect(page.getByRole('alert')).toContainText('Image too large');
	await expect(page.locator('[data-type="image"]')).toHaveCount(0);
});
