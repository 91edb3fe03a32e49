import { expect, test, type Page } from '@playwright/test';
import { createBoard, noteTexts, signUp } from './helpers.ts';

/** Presses `key` (Tab or Shift+Tab) until `name` has the focus (fails after `max` presses). */
async function tabTo(page: Page, name: string, key = 'Tab', max = 40): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(key);
		const focused = await page.evaluate(() => {
			const element = document.activeElement as HTMLElement | null;
			return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
		});
		if (focused === name) return;
	}
	throw new Error(`"${name}" never got the focus`);
}

test('a keyboard-only person creates a note with the toolbar, types, recolours and deletes it', async ({
	page
}) => {
	await signUp(page, 'Clavier Seul');
	await createBoard(page, 'Atelier au clavier');
	await page.locator('body').focus();

	await tabTo(page, 'Nouvelle note');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Texte de la note' })).toBeFocused();
	await page.keyboard.type('Rendre le formulaire lisible');
	await expect.poll(() => noteTexts(page)).toEqual(['Rendre le formulaire lisible']);

	// Escape leaves the text; the note stays selected and moves with the arrows.
	await page.keyboard.press('Escape');
	const note = page.getByRole('group', { name: 'Note Sans catégorie' });
	await expect(note).toBeFocused();
	const before = await note.boundingBox();
	await page.keyboard.press('ArrowRight');
	await expect.poll(async () => (await note.boundingBox())?.x).toBeGreaterThan(before?.x ?? 0);

	await tabTo(page, 'Vert', 'Shift+Tab');
	await page.keyboard.press('Enter');
	await expect(note).toHaveCSS('background-color', 'rgb(207, 238, 203)');

	await tabTo(page, 'Supprimer la sélection');
	await page.keyboard.press('Enter');
	await expect(note).toHaveCount(0);
	await expect(page.getByText('Sélection supprimée.')).toBeAttached();
});
