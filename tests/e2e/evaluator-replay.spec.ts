import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../helpers/export-parsing.ts';
import { addNote, createWorkshop, joinAsGuest, noteTexts, signUp } from './helpers.ts';

/** Smallest size a real workshop report PDF has, in bytes (an empty pdfkit page is ~1 KB). */
const MIN_REPORT_PDF_BYTES = 2_000;

/** The participant's display name, which an evaluator must never see. */
const PARTICIPANT = 'Paulette Usagère';

/** The replay's position text, e.g. "0:00:12 (14:02:11) (35 / 80 modifications)". */
function replayTime(page: Page) {
	return page.getByTestId('replay-time');
}

test('an evaluator replays an archived workshop, scrubbing, jumping and playing it, sees pseudonyms only, and downloads its report', async ({
	page,
	browser
}) => {
	// The facilitator runs a short workshop: a participant adds two notes and edits one, a vote.
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Mobilité rurale');
	const workshopUrl = page.url();
	await page.getByRole('link', { name: 'Mobilité rurale', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();

	const usager = await joinAsGuest(browser, { link, name: PARTICIPANT, category: 'Usager' });
	const navette = await addNote(usager, 'Navette le soir');
	await addNote(usager, 'Tarif solidaire');
	await usager.locator(`[data-note-id="${navette}"]`).focus();
	await usager.keyboard.press('Enter');
	await usager.keyboard.press('End');
	await usager.keyboard.type(' et le dimanche');
	await usager.keyboard.press('Escape');
	await expect
		.poll(() => noteTexts(page))
		.toEqual(expect.arrayContaining(['Navette le soir et le dimanche', 'Tarif solidaire']));

	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await expect(usager.getByText('Points restants : 3')).toBeVisible();
	// A click on an object puts a dot on it (the corner: the second note overlaps the first).
	await usager.locator(`[data-note-id="${navette}"]`).click({ position: { x: 12, y: 12 } });
	await expect(usager.getByText('Points restants : 2')).toBeVisible();
	await page.getByRole('button', { name: 'Clore le vote' }).click();
	await page.getByRole('button', { name: 'Résultats', exact: true }).click();
	await expect(page.getByRole('table', { name: /Points reçus/ })).toBeVisible();
	await usager.context().close();

	// An evaluator link, then the archive.
	await page.goto(workshopUrl);
	await page.getByLabel('Rôle donné').selectOption('evaluator');
	await page.getByRole('button', { name: 'Créer le lien' }).click();
	const evaluatorLink = page.getByRole('listitem').filter({ hasText: 'Évaluateur·rice' });
	const evaluatorUrl = await evaluatorLink.getByLabel('Lien d’invitation').inputValue();
	await page.getByLabel('Je confirme : l’atelier ne pourra plus être modifié').check();
	await page.getByRole('button', { name: 'Archiver l’atelier' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'archivé' })).toBeVisible();

	// The evaluator joins by link and opens the board's replay.
	const evaluatorContext = await browser.newContext();
	const evaluator = await evaluatorContext.newPage();
	// The replay is a read-only view of a recorded board: it opens no live connection at all.
	const websockets: string[] = [];
	evaluator.on('websocket', (socket) => websockets.push(socket.url()));
	await evaluator.goto(evaluatorUrl);
	await evaluator.getByLabel('Nom affiché').fill('Ève Évaluatrice');
	await evaluator.getByRole('radio', { name: 'Agent' }).check();
	await evaluator.getByRole('button', { name: 'Ouvrir l’atelier archivé' }).click();
	await expect(evaluator).toHaveURL(/\/workshops\/[a-z0-9]+\/replay$/);
	await evaluator.getByRole('link', { name: 'Mobilité rurale', exact: true }).click();
	const slider = evaluator.getByRole('slider', { name: 'Moment de la séance' });
	await expect(slider).toBeVisible();

	const notes = evaluator.locator('[data-note-id]');
	const bothNotes = ['Navette le soir et le dimanche', 'Tarif solidaire'];
	await slider.press('Home');
	await expect(replayTime(evaluator)).toContainText('0:00:00');
	await expect(replayTime(evaluator)).toContainText('(0 / ');
	await expect(notes).toHaveCount(0);
	await slider.press('End');
	await expect.poll(() => noteTexts(evaluator)).toEqual(expect.arrayContaining(bothNotes));

	// Back to the start (a new document), then the next event, then playing at 32× to the end.
	await slider.press('Home');
	await expect(notes).toHaveCount(0);
	// The next event may fall within the displayed second of the start: it is named, in a status.
	const reached = evaluator.getByTestId('replay-event');
	await expect(reached).toHaveText('');
	await evaluator.getByRole('button', { name: 'Événement suivant' }).click();
	await expect(reached).toHaveText(/^Événement atteint : (Arrivée|Ouverture du vote), à 0:00:0\d$/);
	await expect(reached).toHaveRole('status');
	await slider.press('Home');
	await expect(notes).toHaveCount(0);
	await evaluator.getByLabel('Vitesse').selectOption('32');
	await evaluator.getByRole('button', { name: 'Lecture' }).click();
	await expect(replayTime(evaluator)).toHaveText(/\((\d+) \/ \1 modifications\)/);
	await expect(evaluator.getByRole('button', { name: 'Lecture' })).toBeVisible();
	await expect.poll(() => noteTexts(evaluator)).toEqual(expect.arrayContaining(bothNotes));
	await expect(evaluator.locator('body')).not.toContainText(PARTICIPANT);
	expect(await evaluator.content()).not.toContain(PARTICIPANT);
	expect(websockets).toEqual([]);

	// The workshop report, and its PDF.
	await evaluator.getByRole('link', { name: 'Bilan de la séance' }).click();
	await expect(evaluator).toHaveURL(/\/workshops\/[a-z0-9]+\/report$/);
	await expect(evaluator.locator('body')).not.toContainText(PARTICIPANT);
	const [download] = await Promise.all([
		evaluator.waitForEvent('download'),
		evaluator.getByRole('link', { name: 'Télécharger le bilan (PDF)' }).click()
	]);
	const pdf = await readFile(await download.path());
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdf.byteLength).toBeGreaterThan(MIN_REPORT_PDF_BYTES);
	const text = await pdfText(new Uint8Array(pdf));
	expect(text).toContain('Mobilité rurale');
	expect(text).toContain('Navette le soir et le dimanche');
	expect(text).not.toContain(PARTICIPANT);
	await evaluatorContext.close();
});
