import { expect, test } from '@playwright/test';
import { createBoard, signUp } from './helpers.ts';
import { boxOf, canvasBox, drag, expectObjectCount, object, objects } from './canvas-helpers.ts';

test('a facilitator lays out every kind of object from the toolbar and types in them', async ({
	page
}) => {
	await signUp(page, 'Anne Animatrice');
	await createBoard(page, 'Atelier objets');

	await page.getByRole('button', { name: 'Cadre', exact: true }).click();
	await page.keyboard.type('Constats');
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Texte libre', exact: true }).click();
	await page.keyboard.type('Titre de la séance');
	for (const shape of ['Rectangle', 'Ellipse', 'Losange']) {
		await page.getByRole('button', { name: shape, exact: true }).click();
		await page.keyboard.type(shape);
	}
	await page.getByRole('button', { name: 'Nouvelle note' }).click();
	await page.keyboard.type('Une note');

	await expect
		.poll(async () => (await objects(page)).map((o) => `${o.type}:${o.text}`).sort())
		.toEqual(
			[
				'frame:Constats',
				'text:Titre de la séance',
				'shape:Rectangle',
				'shape:Ellipse',
				'shape:Losange',
				'sticky:Une note'
			].sort()
		);
	await expect(page.getByRole('group', { name: 'Losange : Losange' })).toBeVisible();
	// Everything created at the centre landed inside the frame: the outline lists it there.
	await page.getByRole('button', { name: 'Plan', exact: true }).click();
	const frame = page.getByRole('region', { name: /Constats/ });
	await expect(frame.getByRole('listitem')).toHaveCount(5);
});

test('the pen draws a smoothed stroke and the arrow tool joins two notes and follows them', async ({
	page
}) => {
	await signUp(page, 'Paul Plume');
	await createBoard(page, 'Atelier dessin');
	const box = await canvasBox(page);
	for (const x of [200, 600]) {
		await page.mouse.dblclick(box.x + x, box.y + box.height * 0.4);
		await page.keyboard.press('Escape');
	}
	await page.keyboard.press('Escape');

	await page.getByRole('button', { name: 'Crayon', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Crayon', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await drag(
		page,
		{ x: box.x + 150, y: box.y + box.height * 0.82 },
		{ x: box.x + 400, y: box.y + box.height * 0.9 }
	);
	await expect(page.locator('[data-type="stroke"] path')).toHaveAttribute('d', /^M.+Z$/);

	await page.getByRole('button', { name: 'Flèche', exact: true }).click();
	await drag(
		page,
		{ x: box.x + 200, y: box.y + box.height * 0.4 },
		{ x: box.x + 600, y: box.y + box.height * 0.4 }
	);
	await expect(page.locator('[data-type="connector"]')).toHaveCount(1);
	const notes = (await objects(page)).filter((o) => o.type === 'sticky');
	const line = page.locator('[data-type="connector"] line:not(.hit)');
	const before = Number(await line.getAttribute('y2'));

	// Moving the second note drags the arrow's end with it.
	await page.keyboard.press('v');
	const second = await boxOf(object(page, notes[1]!.id));
	await drag(page, { x: second.x + 20, y: second.y + 10 }, { x: second.x + 20, y: second.y + 110 });
	await expect.poll(async () => Number(await line.getAttribute('y2'))).toBe(before + 100);
});

test('a frame carries its objects when moved and collapses into its header', async ({ page }) => {
	await signUp(page, 'Fred Cadre');
	await createBoard(page, 'Atelier cadres');
	await page.getByRole('button', { name: 'Cadre', exact: true }).click();
	await page.keyboard.type('Pistes');
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Nouvelle note' }).click();
	await page.keyboard.type('Dedans');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	// Zoomed out, so that the frame's header clears the toolbar.
	await page.keyboard.press('-');
	await page.keyboard.press('-');
	await expectObjectCount(page, 2);
	const [frame, note] = await objects(page);
	const noteBefore = await boxOf(object(page, note!.id));
	const head = await boxOf(object(page, frame!.id).locator('.frame-head'));
	await drag(
		page,
		{ x: head.x + head.width - 20, y: head.y + 20 },
		{ x: head.x + head.width + 60, y: head.y + 60 }
	);
	await expect
		.poll(async () => {
			const after = await boxOf(object(page, note!.id));
			return [Math.round(after.x - noteBefore.x), Math.round(after.y - noteBefore.y)];
		})
		.toEqual([80, 40]);

	await page.getByRole('button', { name: 'Replier le cadre' }).click();
	await expect(object(page, note!.id)).toHaveCount(0);
	await page.getByRole('button', { name: 'Déplier le cadre' }).click();
	await expect(object(page, note!.id)).toBeVisible();
});
