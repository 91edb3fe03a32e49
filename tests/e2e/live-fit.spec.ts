import { expect, test, type Page } from '@playwright/test';
import { addNote, createBoard, signUp } from './helpers.ts';
import { overlaps } from './canvas-helpers.ts';
import { LAPTOP, PHONE } from './live-helpers.ts';

/** Notes spread beyond the screen: each added after the view moved by `step` screen pixels. */
async function spreadNotes(
	page: Page,
	count: number,
	step: { dx: number; dy: number }
): Promise<string[]> {
	const ids: string[] = [];
	const canvas = page.locator('[data-canvas]');
	const box = await canvas.boundingBox();
	for (let i = 0; i < count; i++) {
		ids.push(await addNote(page, `Idée ${i + 1}`));
		if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.wheel(step.dx, step.dy);
	}
	return ids;
}

/** Boxes of the notes, of the tool bar and of the open drawer (if any), on screen. */
async function layout(page: Page, ids: string[]) {
	const notes = await Promise.all(
		ids.map(async (id) => (await page.locator(`[data-item-id="${id}"]`).boundingBox())!)
	);
	const tools = (await page.locator('[data-tool-bar]').boundingBox())!;
	const open = page.locator('aside.panel:not([hidden])');
	const drawer = (await open.count()) > 0 ? await open.boundingBox() : null;
	return { notes, tools, drawer };
}

test('zoom to fit frames every note beside the tool column and an open drawer, never under them', async ({
	page
}) => {
	await page.setViewportSize(LAPTOP);
	await signUp(page, 'Fatima Animatrice');
	await createBoard(page, 'Atelier cadrage');
	// Wider than tall: the fit is bound by the width left between the tools and the drawer.
	const ids = await spreadNotes(page, 4, { dx: 900, dy: 300 });
	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Tout afficher' }).click();

	await expect(async () => {
		const { notes, tools, drawer } = await layout(page, ids);
		expect(drawer).not.toBeNull();
		for (const note of notes) {
			expect(overlaps(note, tools)).toBe(false);
			expect(note.x).toBeGreaterThanOrEqual(tools.x + tools.width);
			expect(note.x + note.width).toBeLessThanOrEqual(drawer!.x);
			expect(note.y).toBeGreaterThanOrEqual(0);
			expect(note.y + note.height).toBeLessThanOrEqual(LAPTOP.height);
		}
	}).toPass({ timeout: 5_000 });
});

test('on a phone, zoom to fit keeps every note above the bottom tool bar', async ({ page }) => {
	await page.setViewportSize(PHONE);
	await signUp(page, 'Fatima Animatrice');
	await createBoard(page, 'Atelier cadrage mobile');
	// Taller than wide: the fit is bound by the height left above the tool bar.
	const ids = await spreadNotes(page, 3, { dx: 40, dy: 1400 });
	await page.locator('[data-canvas]').focus();
	await page.keyboard.press('Shift+Digit1');

	await expect(async () => {
		const { notes, tools } = await layout(page, ids);
		for (const note of notes) {
			expect(overlaps(note, tools)).toBe(false);
			expect(note.y + note.height).toBeLessThanOrEqual(tools.y);
			expect(note.x).toBeGreaterThanOrEqual(0);
			expect(note.x + note.width).toBeLessThanOrEqual(PHONE.width);
		}
	}).toPass({ timeout: 5_000 });
});
