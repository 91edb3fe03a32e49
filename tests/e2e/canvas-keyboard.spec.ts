import { expect, test } from '@playwright/test';
import { createBoard, signUp } from './helpers.ts';
import { boxOf, expectObjectCount, object, objects } from './canvas-helpers.ts';

test('a keyboard-only person creates, edits, moves, resizes and tabs through objects', async ({
	page
}) => {
	await signUp(page, 'Karim Clavier');
	await createBoard(page, 'Atelier sans souris');
	await page.getByRole('region', { name: /^Tableau/ }).focus();

	// N: a note at the centre of the view, ready to type in.
	await page.keyboard.press('n');
	await expect(page.getByRole('textbox', { name: 'Texte de la note' })).toBeFocused();
	await page.keyboard.type('Première idée');
	await page.keyboard.press('Escape');
	const [note] = await objects(page);
	await expect(object(page, note!.id)).toBeFocused();

	// Arrows move it, Alt + arrows resize it.
	const before = await boxOf(object(page, note!.id));
	await page.keyboard.press('Shift+ArrowDown');
	await page.keyboard.press('Alt+ArrowRight');
	await expect
		.poll(async () => Math.round((await boxOf(object(page, note!.id))).y - before.y))
		.toBe(50);
	await expect
		.poll(async () => Math.round((await boxOf(object(page, note!.id))).width - before.width))
		.toBe(10);

	// R: a rectangle; Enter writes in it, Escape leaves.
	await page.keyboard.press('Escape');
	await page.keyboard.press('r');
	await page.keyboard.type('Étape 1');
	await page.keyboard.press('Escape');
	await expectObjectCount(page, 2);

	// Tab goes from one object to the other; Enter edits the focused one.
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('group', { name: /Première idée/ })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('group', { name: /Rectangle : Étape 1/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.type(' et 2');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('group', { name: /Rectangle : Étape 1 et 2/ })).toBeFocused();

	// Ctrl+D duplicates, Delete deletes, Ctrl+Z brings it back.
	await page.keyboard.press('Control+d');
	await expectObjectCount(page, 3);
	await page.keyboard.press('Control+z');
	await expectObjectCount(page, 2);

	// ? shows the shortcut sheet; Escape closes it.
	await page.keyboard.press('?');
	const sheet = page.getByRole('dialog', { name: 'Raccourcis clavier' });
	await expect(sheet).toBeVisible();
	await expect(sheet.getByRole('row', { name: /Nouvelle note au centre/ })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(sheet).toBeHidden();
});

test('the outline lists frames and objects in reading order and edits their text live', async ({
	page
}) => {
	await signUp(page, 'Olga Plan');
	const url = await createBoard(page, 'Atelier plan');
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	await page.keyboard.press('f');
	await page.keyboard.type('Constats');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await page.keyboard.press('n');
	await page.keyboard.type('Attente au guichet');
	await page.keyboard.press('Escape');

	await page.keyboard.press('l');
	const outline = page.locator('[data-outline]');
	await expect(outline.getByRole('heading', { name: 'Plan du tableau' })).toBeVisible();
	const section = outline.getByRole('region', { name: /Constats/ });
	await expect(section.getByRole('listitem')).toHaveCount(1);
	const text = section.getByRole('textbox', { name: /Texte : Note/ });
	await expect(text).toHaveValue('Attente au guichet');

	// Typing in the outline is typing in the note, for everyone.
	await text.focus();
	await page.keyboard.press('End');
	await page.keyboard.type(' trop longue');
	const other = await page.context().newPage();
	await other.goto(url);
	await expect
		.poll(() => other.locator('[data-note-id] textarea').inputValue())
		.toBe('Attente au guichet trop longue');
	await other.close();
});
