import { expect, test } from '@playwright/test';
import { createBoard, focusedNoteId, signUp } from './helpers.ts';
import { overlaps } from './canvas-helpers.ts';
import { PHONE } from './live-helpers.ts';

test.use({ viewport: PHONE });

test('on a 390×844 phone, the virtual keyboard never hides the note being written nor lets a bar cover it', async ({
	page
}) => {
	await signUp(page, 'Fatima Animatrice');
	await createBoard(page, 'Atelier clavier');
	await page.getByRole('button', { name: 'Nouvelle note' }).click();
	const id = await focusedNoteId(page);
	await page.keyboard.type('Un banc devant la mairie');
	const area = page.locator(`[data-item-id="${id}"] textarea`);
	await expect(area).toBeFocused();
	const before = (await area.boundingBox())!;

	// The keyboard takes the lower part of the screen: about 500 px stay visible.
	const VISIBLE = 500;
	expect(before.y + before.height).toBeGreaterThan(VISIBLE - 16);
	await page.setViewportSize({ width: PHONE.width, height: VISIBLE });

	await expect(async () => {
		const box = (await area.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThanOrEqual(VISIBLE);
		const bars = page.locator(
			'[data-tool-bar], .selection-tools > *, [data-board-stage] .dock, header.topbar'
		);
		for (const bar of await bars.all()) {
			if (!(await bar.isVisible())) continue;
			const covering = (await bar.boundingBox())!;
			expect(overlaps(box, covering), `covered by ${await bar.evaluate((e) => e.className)}`).toBe(
				false
			);
		}
	}).toPass({ timeout: 5_000 });
	// Still writing in the same note, and the text is all there.
	await expect(area).toBeFocused();
	await page.keyboard.type(' ombragé');
	await expect(area).toHaveValue('Un banc devant la mairie ombragé');
	// The keyboard closes: the tools are back.
	await page.setViewportSize(PHONE);
	await expect(page.locator('[data-tool-bar]')).toBeVisible();
});
