import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	createBoard,
	focusedNoteId,
	joinAsGuest,
	noteTexts,
	readJoinLink,
	signUp
} from './helpers.ts';

/** The note with `id` as `page` shows it. */
function note(page: Page, id: string): Locator {
	return page.locator(`[data-note-id="${id}"]`);
}

/** Moves the mouse over the canvas in a few steps (publishes the cursor). */
async function hover(page: Page, x: number, y: number): Promise<void> {
	await page.mouse.move(x - 20, y - 20);
	await page.mouse.move(x, y, { steps: 5 });
}

test('a facilitator and a guest edit one board together and see each other', async ({
	page: host,
	browser
}) => {
	await signUp(host, 'Fatima Facilitatrice');
	await createBoard(host, 'Atelier mobilité');
	const link = await readJoinLink(host);
	const guest = await joinAsGuest(browser, { link, name: 'Jean Élu', category: 'Élu·e' });
	await expect(guest.getByRole('heading', { level: 1, name: 'Atelier mobilité' })).toBeVisible();

	// Who is here: both names, with their category and role (the people drawer opens on request).
	await host.getByRole('button', { name: /^Participants/ }).click();
	await guest.getByRole('button', { name: /^Participants/ }).click();
	for (const page of [host, guest]) {
		const people = page.getByRole('complementary');
		await expect(people.getByRole('heading', { name: 'Qui est là' })).toBeVisible();
		await expect(people.getByRole('listitem').filter({ hasText: 'Jean Élu' })).toContainText(
			'Élu·e'
		);
		await expect(
			people.getByRole('listitem').filter({ hasText: 'Fatima Facilitatrice' })
		).toContainText('Animateur·rice');
	}

	// Each creates a note and types in it: the host from the toolbar, the guest by double-click.
	await host.getByRole('button', { name: 'Nouvelle note' }).click();
	const hostNote = await focusedNoteId(host);
	await host.keyboard.type('Plus de bus le dimanche');
	const canvas = guest.getByRole('region', { name: /^Tableau/ });
	const box = await canvas.boundingBox();
	if (!box) throw new Error('no canvas');
	await guest.mouse.dblclick(box.x + 150, box.y + box.height - 150);
	const guestNote = await focusedNoteId(guest);
	await expect(note(guest, guestNote)).toContainText('Élu·e');
	await guest.keyboard.type('Un arrêt devant la mairie');

	for (const page of [host, guest]) {
		await expect
			.poll(() => noteTexts(page))
			.toEqual(expect.arrayContaining(['Plus de bus le dimanche', 'Un arrêt devant la mairie']));
	}

	// Live cursors, with the other person's name.
	await hover(guest, box.x + 400, box.y + 200);
	await expect(host.locator('[data-cursor-name="Jean Élu"]')).toBeVisible();
	await expect(host.locator('[data-cursor-name="Jean Élu"]')).toHaveText('Jean Élu');
	const hostCanvas = await host.getByRole('region', { name: /^Tableau/ }).boundingBox();
	if (!hostCanvas) throw new Error('no canvas');
	await hover(host, hostCanvas.x + 300, hostCanvas.y + 320);
	await expect(guest.locator('[data-cursor-name="Fatima Facilitatrice"]')).toHaveText(
		'Fatima Facilitatrice'
	);

	// Recolour: the host selects its note and picks blue; the guest sees it blue.
	await host.keyboard.press('Escape');
	await host.getByRole('button', { name: 'Bleu' }).click();
	await expect(note(guest, hostNote)).toHaveCSS('background-color', 'rgb(207, 227, 255)');

	// Move: the host drags its note; the guest sees it move by the same distance.
	const before = await note(guest, hostNote).boundingBox();
	const grip = await note(host, hostNote).boundingBox();
	if (!before || !grip) throw new Error('note not visible');
	await host.mouse.move(grip.x + 30, grip.y + 10);
	await host.mouse.down();
	await host.mouse.move(grip.x + 130, grip.y + 70, { steps: 8 });
	await host.mouse.up();
	await expect
		.poll(async () => {
			const after = await note(guest, hostNote).boundingBox();
			return after ? [Math.round(after.x - before.x), Math.round(after.y - before.y)] : null;
		})
		.toEqual([100, 60]);

	// The selection's bar stays clear of the drawer open at the right (it once slid under it).
	const drawer = await host.getByRole('complementary').boundingBox();
	const bar = await host.locator('[data-selection-tools]').boundingBox();
	expect(drawer, 'a drawer is open beside the canvas').not.toBeNull();
	expect(bar!.x + bar!.width).toBeLessThanOrEqual(drawer!.x);

	// Delete: the host deletes its note; it disappears for the guest, the guest's note stays.
	await host.getByRole('button', { name: 'Supprimer la sélection' }).click();
	await expect(note(guest, hostNote)).toHaveCount(0);
	await expect.poll(() => noteTexts(guest)).toEqual(['Un arrêt devant la mairie']);
	await expect.poll(() => noteTexts(host)).toEqual(['Un arrêt devant la mairie']);

	await guest.context().close();
});
