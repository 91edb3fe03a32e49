import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { createBoard, signUp } from './helpers.ts';

/** The eight bytes every PNG file starts with. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('the export menu downloads the board as SVG holding its text, and as a PNG image', async ({
	page
}) => {
	await signUp(page, 'Emma Export');
	await createBoard(page, 'Atelier export');
	await page.getByRole('button', { name: 'Nouvelle note' }).click();
	await page.keyboard.type('Ouvrir le samedi');
	await page.keyboard.press('Escape');

	const menu = page.getByRole('button', { name: 'Exporter le tableau « Atelier export »' });
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	const [svgDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Image vectorielle (SVG)' }).click()
	]);
	expect(svgDownload.suggestedFilename()).toBe('Atelier-export.svg');
	const svg = await fs.readFile(await svgDownload.path(), 'utf8');
	// Parsed by the browser's own XML parser: well-formed, with the note's text as SVG text.
	const texts = await page.evaluate((source) => {
		const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
		if (doc.querySelector('parsererror')) return null;
		return [...doc.querySelectorAll('text')].map((node) => node.textContent ?? '').join(' ');
	}, svg);
	expect(texts).toContain('Ouvrir le samedi');

	await menu.click();
	const [pngDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Image (PNG)' }).click()
	]);
	expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
	const png = await fs.readFile(await pngDownload.path());
	expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	// IHDR width and height: the board at twice its size, well beyond an empty image.
	expect(png.readUInt32BE(16)).toBeGreaterThan(200);
	expect(png.readUInt32BE(20)).toBeGreaterThan(200);
	await expect(menu).toBeFocused();
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
});
