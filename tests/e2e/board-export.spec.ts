import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
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

test('the CSV export offers its separator, semicolon by default in French, and neutralises formulas with either', async ({
	page
}) => {
	await signUp(page, 'Emma Export');
	await createBoard(page, 'Atelier tableur');
	await page.getByRole('button', { name: 'Nouvelle note' }).click();
	await page.keyboard.type('=1+1; a, b');
	await page.keyboard.press('Escape');

	const menu = page.getByRole('button', { name: 'Exporter le tableau « Atelier tableur »' });
	const separators = page.getByRole('group', { name: 'Séparateur du CSV' });
	await menu.click();
	await expect(
		separators.getByRole('radio', { name: 'Point-virgule (Excel en français)' })
	).toBeChecked();
	await menu.click();

	for (const [label, delimiter] of [
		['Point-virgule (Excel en français)', ';'],
		['Virgule', ',']
	] as const) {
		await menu.click();
		await separators.getByRole('radio', { name: label, exact: true }).check();
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Objets (CSV, tableur)' }).click()
		]);
		const csv = (await fs.readFile(await file.path(), 'utf8')).replace(/^\ufeff/, '');
		const header = csv.split('\r\n')[0];
		expect(header).toBe(
			['Texte', 'Type', 'Cadre', 'Catégorie', 'Votes', 'Créé le'].join(delimiter)
		);
		const rows = parse(csv, { columns: true, delimiter }) as Array<Record<string, string>>;
		// The note's text comes back whole, behind the quote that stops a spreadsheet running it.
		expect(rows.map((row) => row.Texte)).toEqual(["'=1+1; a, b"]);
	}

	// An English page offers the comma first.
	await page
		.context()
		.addCookies([{ name: 'croisee-locale', value: 'en', url: new URL(page.url()).origin }]);
	await page.reload();
	await page.getByRole('button', { name: 'Export the board “Atelier tableur”' }).click();
	await expect(
		page
			.getByRole('group', { name: 'CSV separator' })
			.getByRole('radio', { name: 'Comma', exact: true })
	).toBeChecked();
});
