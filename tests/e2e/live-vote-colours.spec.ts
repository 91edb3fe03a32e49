import { expect, test } from '@playwright/test';
import { addNote, createWorkshop, joinAsGuest, seriousViolations, signUp } from './helpers.ts';
import { boxOf, overlaps } from './canvas-helpers.ts';
import { LAPTOP } from './live-helpers.ts';

test.use({ viewport: LAPTOP });

/** The usager category's colour (`CATEGORY_COLORS.usager`, #0061a3) as computed styles read it. */
const USAGER = 'rgb(0, 97, 163)';
const WHITE = 'rgb(255, 255, 255)';

test('category colours: a usager’s note carries the usager band and label, live bars by category in the cockpit and on the room screen (unless held back)', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Atelier couleurs');
	await page.getByRole('link', { name: 'Atelier couleurs', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const boardUrl = page.url();
	const guest = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	const idea = await addNote(guest, 'Un banc devant la mairie');

	// On the facilitator's canvas: the author's category as a coloured band with its name.
	const band = page.locator(`[data-item-id="${idea}"] [data-category-band]`);
	await expect(band).toHaveAttribute('data-category-band', 'usager');
	await expect(band).toHaveText(/usager/i);
	await expect(band).toHaveCSS('background-color', USAGER);
	await expect(band).toHaveCSS('color', WHITE);

	const room = await page.context().newPage();
	await room.goto(`${boardUrl}/salle`);
	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
	// The guest's dot counter shows once the round reached them: a click before is a selection.
	await expect(guest.getByText(/^Points restants : \d+$/)).toBeVisible();
	await guest.locator(`[data-item-id="${idea}"]`).click({ position: { x: 12, y: 12 } });

	// With the drawer open, the vote's bar sits in the visible canvas and never on the zoom buttons.
	const voteBar = await boxOf(page.locator('#live-run-dock'));
	const zoomButtons = await boxOf(page.locator('[data-zoom-buttons]'));
	const drawer = await boxOf(page.locator('aside.panel'));
	expect(overlaps(voteBar, zoomButtons), 'the vote bar covers the zoom buttons').toBe(false);
	expect(voteBar.x + voteBar.width).toBeLessThanOrEqual(drawer.x);
	expect(zoomButtons.x + zoomButtons.width).toBeLessThanOrEqual(drawer.x);

	// Before the round closes, the cockpit's progress opens live bars by category, with a table.
	await page.locator('[data-vote-progress]').filter({ hasText: '1/1 ont voté' }).click();
	const bars = page.locator('[data-live-vote-bars]');
	await expect(bars.getByRole('img', { name: /Vote en cours, par catégorie/ })).toBeVisible();
	const row = bars.getByRole('row', { name: /Un banc devant la mairie/ });
	await expect(row.getByRole('cell')).toHaveText(['1']);
	await expect(bars.getByRole('columnheader').nth(1)).toHaveText(/Usager/);
	expect(await seriousViolations(page)).toEqual([]);
	// The room screen draws the same bars live, in large type, with the count of voters.
	await expect(room.locator('[data-room-progress]')).toHaveText('1/1 ont voté');
	await expect(room.getByRole('heading', { name: 'Vote en cours, par catégorie' })).toBeVisible();
	const part = room.locator('[data-category-part="usager"]');
	await expect(part).toHaveText(/Usager\s+1/);
	await expect(part).toHaveCSS('font-size', '24px');
	// The facilitator may hold the bars back until the close: the count stays.
	const holdBack = room.getByRole('button', { name: 'Masquer les barres jusqu’à la clôture' });
	await holdBack.click();
	await expect(holdBack).toHaveAttribute('aria-pressed', 'true');
	await expect(room.locator('[data-category-part]')).toHaveCount(0);
	await expect(room.locator('[data-room-progress]')).toHaveText('1/1 ont voté');

	await page.getByRole('button', { name: 'Clore le vote' }).click();
	await expect(room.getByRole('heading', { name: 'Votes par catégorie' })).toBeVisible();
	await expect(part).toHaveText(/Usager\s+1/);
	await expect(part).toHaveCSS('background-color', USAGER);
	await expect(part).toHaveCSS('color', WHITE);
	expect(await seriousViolations(room)).toEqual([]);
	await guest.context().close();
});
