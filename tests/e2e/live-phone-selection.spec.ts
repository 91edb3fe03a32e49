import { expect, test, type Locator, type Page } from '@playwright/test';
import { addNote, createBoard, joinAsGuest, readJoinLink, signUp } from './helpers.ts';
import { overlaps, type Box } from './canvas-helpers.ts';
import { LAPTOP, PHONE } from './live-helpers.ts';

test.use({ viewport: PHONE, hasTouch: true });

async function box(locator: Locator): Promise<Box> {
	const found = await locator.boundingBox();
	expect(found, 'on screen').not.toBeNull();
	return found!;
}

/** Every visible button of `within` is a ≥ 44 px target inside the screen's width. */
async function bigTargetsInside(page: Page, within: Locator) {
	for (const button of await within.getByRole('button').all()) {
		if (!(await button.isVisible())) continue;
		const name = (await button.getAttribute('aria-label')) ?? (await button.textContent());
		const target = await box(button);
		expect(target.width, `${name} width`).toBeGreaterThanOrEqual(44);
		expect(target.height, `${name} height`).toBeGreaterThanOrEqual(44);
		expect(target.x, `${name} left`).toBeGreaterThanOrEqual(0);
		expect(target.x + target.width, `${name} right`).toBeLessThanOrEqual(PHONE.width);
	}
}

test('on a 390×844 phone the selection’s bar is one row of big targets that never covers the selected note nor the bottom bar', async ({
	page
}) => {
	await signUp(page, 'Fatima Animatrice');
	await createBoard(page, 'Atelier sélection mobile');
	const id = await addNote(page, 'Un banc devant la mairie');
	const note = page.locator(`[data-item-id="${id}"]`);
	const bar = page.getByRole('toolbar', { name: /^Sélection/ });
	await expect(bar).toBeVisible();

	const checkLayout = async () => {
		const selected = await box(note);
		const row = await box(bar);
		const tools = await box(page.locator('[data-tool-bar]'));
		expect(overlaps(row, selected), 'covers the note').toBe(false);
		expect(row.y + row.height, 'above the bottom bar').toBeLessThanOrEqual(tools.y);
		expect(row.x).toBeGreaterThanOrEqual(0);
		expect(row.x + row.width).toBeLessThanOrEqual(PHONE.width);
		// Compact: one row of 44 px targets (plus its padding), not a wrapped block.
		expect(row.height).toBeLessThanOrEqual(64);
	};
	await expect(checkLayout).toPass({ timeout: 5_000 });
	await bigTargetsInside(page, bar);
	for (const name of [
		'Dupliquer',
		'Supprimer la sélection',
		'Plus d’actions : couleur, taille, ordre'
	]) {
		await expect(bar.getByRole('button', { name, exact: true })).toBeVisible();
	}
	await expect(bar.getByRole('button', { name: 'Vert' })).toBeHidden();

	// The note goes up to the top of the screen, where the bar used to sit: the bar moves under it.
	const canvas = await box(page.locator('[data-canvas]'));
	const before = await box(note);
	await page.mouse.move(canvas.x + 12, canvas.y + canvas.height / 2);
	await page.mouse.wheel(0, before.y - canvas.y - 12);
	await expect.poll(async () => (await box(note)).y).toBeLessThan(canvas.y + 40);
	await expect(checkLayout).toPass({ timeout: 5_000 });

	// "…" unfolds the colours, size and order inside the screen, with big targets; they still work.
	await bar.getByRole('button', { name: 'Plus d’actions : couleur, taille, ordre' }).click();
	const folded = page.locator('[data-selection-more]');
	await expect(folded.getByRole('button', { name: 'Vert' })).toBeVisible();
	await bigTargetsInside(page, folded);
	await folded.getByRole('button', { name: 'Vert' }).click();
	await expect(note).toHaveCSS('background-color', 'rgb(207, 238, 203)');
	await expect(note).toBeVisible();
});

test('on a phone, the name on another person’s selection never covers the note above it', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	await createBoard(page, 'Atelier sélection partagée');
	// The share panel is read on a wide screen, where it sits in the header; the notes on the phone.
	await page.setViewportSize(LAPTOP);
	const link = await readJoinLink(page);
	await page.getByRole('button', { name: 'Fermer' }).click();
	await page.setViewportSize(PHONE);
	const first = await addNote(page, 'Horaires d’ouverture');
	const second = await addNote(page, 'Accueil sans rendez-vous');
	const [firstBox, secondBox] = await Promise.all(
		[first, second].map((id) => box(page.locator(`[data-item-id="${id}"]`)))
	);
	const [[upper, upperBox], [lower, lowerBox]] =
		firstBox!.y <= secondBox!.y
			? [
					[first, firstBox!],
					[second, secondBox!]
				]
			: [
					[second, secondBox!],
					[first, firstBox!]
				];
	// On a narrow screen the second note goes in a column with the first, a few pixels apart.
	expect(overlaps({ ...upperBox, height: upperBox.height + 40 }, lowerBox), 'stacked').toBe(true);

	const guest = await joinAsGuest(browser, {
		link,
		name: 'Rita Remote',
		category: 'Usager'
	});
	await guest.getByRole('button', { name: 'Tout afficher' }).click();
	const target = await box(guest.locator(`[data-item-id="${lower}"]`));
	await guest.mouse.click(target.x + 20, target.y + 10);

	const tag = page.locator('[data-remote-selection="Rita Remote"] [data-tag]');
	await expect(tag).toHaveText('Rita Remote');
	// Above is taken by the other note: the name goes under the selection, covering neither note.
	await expect(tag).toHaveAttribute('data-tag', 'below');
	const shown = await box(tag);
	expect(overlaps(shown, upperBox), 'the name covers the note above').toBe(false);
	expect(overlaps(shown, lowerBox), 'the name covers the selected note').toBe(false);
	expect(shown.y).toBeGreaterThanOrEqual(lowerBox.y + lowerBox.height);

	// Once the note above is gone, the name goes back above the selection.
	await page.mouse.click(upperBox.x + 20, upperBox.y + 8);
	await page.getByRole('button', { name: 'Supprimer la sélection' }).click();
	await expect(page.locator(`[data-item-id="${upper}"]`)).toHaveCount(0);
	await expect(tag).toHaveAttribute('data-tag', 'above');
	const above = await box(tag);
	expect(above.y + above.height).toBeLessThanOrEqual(lowerBox.y + 1);
	await guest.context().close();
});
