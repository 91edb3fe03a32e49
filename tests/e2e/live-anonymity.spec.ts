import { expect, test } from '@playwright/test';
import { createWorkshop, joinAsGuest, signUp } from './helpers.ts';
import { LAPTOP } from './live-helpers.ts';

test.use({ viewport: LAPTOP });

test('toggling anonymity renames people live: no reload, no new connection, "Usager" and back', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Atelier anonyme');
	const workshopUrl = page.url();
	const guest = await joinAsGuest(browser, { link, name: 'Paul Martin', category: 'Usager' });
	const boardUrl = guest.url();

	// The facilitator watches the board in a second tab and sees the guest's cursor by name.
	const board = await page.context().newPage();
	await board.goto(boardUrl);
	await expect(board.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const canvas = guest.getByRole('region', { name: /^Tableau/ });
	const box = await canvas.boundingBox();
	const wiggle = async (dx: number) => {
		if (box) await guest.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2);
	};
	await wiggle(0);
	await wiggle(10);
	const cursor = board.locator('[data-cursor-name]');
	await expect(cursor).toHaveAttribute('data-cursor-name', 'Paul Martin');

	// A marker the page keeps only if it is never reloaded, and a count of sockets opened since.
	await guest.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));
	let socketsOpened = 0;
	guest.on('websocket', () => socketsOpened++);
	await guest.getByRole('button', { name: /^Participants/ }).click();
	const me = guest.locator('[data-person-id]').filter({ hasText: '(vous)' });
	await expect(me.locator('.name')).toContainText('Paul Martin');

	const setAnonymous = async (on: boolean) => {
		const box = page.getByRole('checkbox', { name: 'Mode anonyme' });
		if (on) await box.check();
		else await box.uncheck();
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(page.getByText('Enregistré.', { exact: true })).toBeVisible();
	};
	await page.goto(workshopUrl);
	await setAnonymous(true);
	await expect(me.locator('.name')).toContainText('Usager');
	await expect(me.locator('.name')).not.toContainText('Paul Martin');
	await expect(guest.locator('[data-live-announcer]')).toContainText('Mode anonyme');
	await wiggle(20);
	await expect(cursor).toHaveAttribute('data-cursor-name', 'Usager');

	await page.goto(workshopUrl);
	await setAnonymous(false);
	await expect(me.locator('.name')).toContainText('Paul Martin');
	await expect(cursor).toHaveAttribute('data-cursor-name', 'Paul Martin');

	expect(await guest.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
	expect(socketsOpened).toBe(0);
	await guest.context().close();
});
