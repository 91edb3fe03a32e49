import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** The password every test account uses. */
export const PASSWORD = 'correct horse battery staple';

/** A unique e-mail address for a new account. */
export function uniqueEmail(): string {
	return `anim-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/** Signs a new facilitator up through the form; returns the e-mail. Ends on the dashboard. */
export async function signUp(page: Page, name: string): Promise<string> {
	const email = uniqueEmail();
	await page.goto('/signup');
	await page.getByLabel('Nom').fill(name);
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Créer mon compte' }).click();
	// Sign-up never says whether the address was free: it opens the sign-in page.
	await expect(page).toHaveURL(/\/login\?signed_up=1$/);
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	return email;
}

/** Creates a board from the dashboard; ends on the board page, connected. Returns its URL. */
export async function createBoard(page: Page, title: string): Promise<string> {
	await page.goto('/dashboard');
	await page.getByLabel('Titre du tableau').fill(title);
	await page.getByRole('button', { name: 'Créer le tableau' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	return page.url();
}

/** Reads the board's join link from the "Partager" panel (facilitators). */
export async function readJoinLink(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Partager' }).click();
	const field = page.getByLabel('Lien d’invitation', { exact: true });
	await expect(field).toHaveValue(/\/join\/[\w-]+$/);
	return field.inputValue();
}

/**
 * Opens a join link in a new browser context and joins as a guest; ends on the board. With
 * `clock`, Playwright's clock is installed first (to compress waits, e.g. offline detection).
 */
export async function joinAsGuest(
	browser: Browser,
	input: { link: string; name: string; category: string; clock?: boolean }
): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	if (input.clock) await page.clock.install();
	await page.goto(input.link);
	await page.getByLabel('Nom affiché').fill(input.name);
	await page.getByRole('radio', { name: input.category }).check();
	await page.getByRole('button', { name: 'Rejoindre le tableau' }).click();
	await expect(page).toHaveURL(/\/boards\/[a-z0-9]+$/);
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	return page;
}

/** The id of the note whose text has the focus (the one just created). */
export async function focusedNoteId(page: Page): Promise<string> {
	const read = () =>
		page.evaluate(
			() => document.activeElement?.closest<HTMLElement>('[data-note-id]')?.dataset.noteId ?? ''
		);
	await expect.poll(read, { message: 'a note has the focus' }).not.toBe('');
	return read();
}

/** The texts of every note on the page. */
export function noteTexts(page: Page): Promise<string[]> {
	return page
		.locator('[data-note-id] textarea')
		.evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value));
}

/** Adds a note with the toolbar button and types `text` in it; returns its id. */
export async function addNote(page: Page, text: string): Promise<string> {
	await page.getByRole('button', { name: 'Nouvelle note' }).click();
	const id = await focusedNoteId(page);
	await page.keyboard.type(text);
	await page.keyboard.press('Escape');
	return id;
}

/** Creates a workshop from /workshops; returns its first join link (the guest picks a category). */
export async function createWorkshop(page: Page, title: string): Promise<string> {
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill(title);
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	return page.getByLabel('Lien d’invitation').first().inputValue();
}

/** Serious and critical axe violations on the page, as `rule: target` lines (WCAG 2.1 A/AA). */
export async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

/** A table's cells as text, row by row (header row first): what a screen reader reads. */
export function tableCells(table: Locator): Promise<string[][]> {
	return table.evaluate((node) =>
		[...(node as HTMLTableElement).rows].map((row) =>
			[...row.cells].map((cell) => cell.textContent?.trim() ?? '')
		)
	);
}
