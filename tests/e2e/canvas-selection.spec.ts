import { expect, test } from '@playwright/test';
import { createBoard, signUp } from './helpers.ts';
import {
	boxOf,
	canvasBox,
	copyText,
	drag,
	expectObjectCount,
	object,
	objects,
	pasteText,
	selectedIds
} from './canvas-helpers.ts';

/** Three notes in a row, created by double-click; returns their ids. */
async function threeNotes(page: import('@playwright/test').Page): Promise<string[]> {
	const box = await canvasBox(page);
	for (const [x, y] of [
		[200, 0.45],
		[450, 0.55],
		[750, 0.5]
	] as const) {
		await page.mouse.dblclick(box.x + x, box.y + box.height * y);
		await page.keyboard.type(`Note ${x}`);
		await page.keyboard.press('Escape');
	}
	await page.keyboard.press('Escape');
	await expectObjectCount(page, 3);
	return (await objects(page)).map((o) => o.id);
}

test('marquee, shift-click, moving and aligning several notes at once', async ({ page }) => {
	await signUp(page, 'Sélène Sélection');
	await createBoard(page, 'Atelier sélection');
	const ids = await threeNotes(page);
	const box = await canvasBox(page);

	// A marquee around the first two selects them (from the background, right of the tool column).
	await drag(
		page,
		{ x: box.x + 85, y: box.y + box.height * 0.2 },
		{ x: box.x + 600, y: box.y + box.height * 0.92 }
	);
	await expect.poll(() => selectedIds(page)).toEqual(ids.slice(0, 2));
	// Shift-click adds the third.
	const third = await boxOf(object(page, ids[2]!));
	await page.keyboard.down('Shift');
	await page.mouse.click(third.x + 20, third.y + 10);
	await page.keyboard.up('Shift');
	await expect.poll(async () => (await selectedIds(page)).length).toBe(3);

	// Dragging one of them moves all three.
	const before = await Promise.all(ids.map((id) => boxOf(object(page, id))));
	await drag(page, { x: third.x + 20, y: third.y + 10 }, { x: third.x + 20, y: third.y + 70 });
	await expect
		.poll(async () => {
			const after = await Promise.all(ids.map((id) => boxOf(object(page, id))));
			return after.map((b, i) => Math.round(b.y - before[i]!.y));
		})
		.toEqual([60, 60, 60]);

	// Align top: all three share the top edge of the highest.
	await page.getByRole('button', { name: 'Aligner en haut' }).click();
	await expect
		.poll(
			async () =>
				new Set(
					(await Promise.all(ids.map((id) => boxOf(object(page, id))))).map((b) => Math.round(b.y))
				).size
		)
		.toBe(1);
});

test('resize with a handle, colour, front and back, duplicate and delete', async ({ page }) => {
	await signUp(page, 'Rémi Redim');
	await createBoard(page, 'Atelier formes');
	const ids = await threeNotes(page);
	const first = object(page, ids[0]!);
	const start = await boxOf(first);
	await page.mouse.click(start.x + 20, start.y + 10);

	const handle = await boxOf(page.locator('[data-handle="se"]'));
	await drag(page, { x: handle.x + 7, y: handle.y + 7 }, { x: handle.x + 87, y: handle.y + 47 });
	await expect.poll(async () => Math.round((await boxOf(first)).width - start.width)).toBe(80);

	await page.getByRole('button', { name: 'Rose' }).click();
	await expect(first).toHaveAttribute('data-color', 'pink');
	await page.getByRole('button', { name: 'Grande', exact: true }).click();
	await expect.poll(async () => Math.round((await boxOf(first)).width)).toBe(320);

	await page.getByRole('button', { name: 'Arrière-plan' }).click();
	await expect.poll(async () => (await objects(page))[0]?.id).toBe(ids[0]);
	await page.getByRole('button', { name: 'Premier plan' }).click();
	await expect.poll(async () => (await objects(page)).at(-1)?.id).toBe(ids[0]);

	await page.getByRole('button', { name: 'Dupliquer' }).click();
	await expectObjectCount(page, 4);
	await expect
		.poll(async () => (await objects(page)).filter((o) => o.text === 'Note 200').length)
		.toBe(2);
	await page.getByRole('button', { name: 'Supprimer la sélection' }).click();
	await expectObjectCount(page, 3);
});

test('copy and paste within a board and into another, and plain text pasted as notes', async ({
	page
}) => {
	await signUp(page, 'Coline Copie');
	await createBoard(page, 'Atelier source');
	const ids = await threeNotes(page);
	const first = await boxOf(object(page, ids[0]!));
	await page.mouse.click(first.x + 20, first.y + 10);
	const clip = await copyText(page);
	expect(JSON.parse(clip)).toMatchObject({
		format: 'croisee/items',
		items: [{ text: 'Note 200' }]
	});

	await pasteText(page, clip);
	await expectObjectCount(page, 4);

	await createBoard(page, 'Atelier cible');
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	await pasteText(page, clip);
	await expect.poll(async () => (await objects(page)).map((o) => o.text)).toEqual(['Note 200']);
	await pasteText(page, 'Première ligne\n\nDeuxième ligne\nTroisième ligne');
	await expect
		.poll(async () => (await objects(page)).map((o) => o.text))
		.toEqual(['Note 200', 'Première ligne', 'Deuxième ligne', 'Troisième ligne']);
	await expect(page.getByText('3 objets collés.')).toBeAttached();
});

test('zoom to fit, zoom to selection and the minimap bring objects into view', async ({ page }) => {
	await signUp(page, 'Zoé Zoom');
	await createBoard(page, 'Atelier zoom');
	const ids = await threeNotes(page);
	const zoomLabel = page.getByRole('button', { name: /Réinitialiser le zoom/ });
	await page.getByRole('button', { name: 'Tout afficher' }).click();
	await expect(zoomLabel).not.toHaveText('100 %');
	const first = await boxOf(object(page, ids[0]!));
	await page.mouse.click(first.x + 10, first.y + 5);
	await page.keyboard.press('Shift+2');
	await expect(zoomLabel).toHaveText('150 %');
	await expect(page.getByRole('img', { name: 'Vue d’ensemble du tableau' })).toBeVisible();
});
