import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addNote, createWorkshop, joinAsGuest, signUp } from '../e2e/helpers.ts';

/**
 * Pictures of a workshop's outputs as an élu or a communications department gets them: the
 * workshop report (French and English), the public results page and the first pages of the report
 * PDF (drawn with `pdftoppm` when it is installed: `apt-get install -y poppler-utils`).
 */

const OUT = 'docs/screenshots';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** True when `pdftoppm` (poppler-utils) can be run. */
function hasPdftoppm(): boolean {
	try {
		execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** A guest joins with `category` and writes `note` on the board. */
async function participant(
	browser: Browser,
	input: { link: string; name: string; category: string; note: string; score: number }
) {
	const guest = await joinAsGuest(browser, input);
	await addNote(guest, input.note);
	await expect(guest.locator('[data-save-state]')).toHaveText('Enregistré');
	const boardUrl = new URL(guest.url());
	return { guest, boardUrl, feedback: input };
}

async function shoot(page: Page, name: string, size: { width: number; height: number }) {
	await page.setViewportSize(size);
	await page.waitForLoadState('networkidle');
	// Chart.js follows the new width on its next resize observation: let it redraw first.
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
	);
	await page.waitForTimeout(300);
	await page.screenshot({
		path: `${OUT}/${name}-${size.width}x${size.height}.png`,
		fullPage: true
	});
}

test('outputs: report, public page and report PDF', async ({ page, browser }) => {
	// Five browsers on a shared two-core machine: well over the default two minutes.
	test.setTimeout(300_000);
	fs.mkdirSync(OUT, { recursive: true });
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Mobilité en centre-ville');
	const workshopPath = new URL(page.url()).pathname;
	const settings = page.getByRole('region', { name: 'Réglages de l’atelier' });
	await settings.getByLabel('Lieu').fill('Salle du conseil, mairie de Villeurbanne');
	await settings.getByLabel('Date', { exact: true }).fill('04/12/2026');
	await settings.getByLabel('Heure de début').fill('14 h 30');
	await settings.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(settings.getByText('Enregistré.', { exact: true })).toBeVisible();

	const people = [
		{ name: 'Paul', category: 'Usager', note: 'Une navette le samedi matin', score: 5 },
		{ name: 'Zoé', category: 'Usager', note: 'Des bancs à l’arrêt « Mairie »', score: 4 },
		{ name: 'Alain', category: 'Agent', note: 'Horaires du guichet −30 min le midi', score: 3 },
		{ name: 'Élise', category: 'Élu·e', note: 'Tarif solidaire à 12,5 % 🚌', score: 4 }
	];
	const joined = [];
	for (const person of people) {
		joined.push(await participant(browser, { link, ...person }));
	}
	for (const { guest, feedback } of joined) {
		await guest.goto(`${workshopPath}/feedback`);
		await guest
			.getByRole('radio', { name: new RegExp(`^${feedback.score}`) })
			.check({ force: true });
		await guest.getByLabel('Ce qui a bien marché').fill('Chacun a pu parler');
		await guest.getByLabel('Ce qu’il faudrait changer').fill('Plus de temps pour voter');
		await guest.getByRole('button', { name: /Envoyer/ }).click();
		await expect(guest.getByRole('status')).toBeVisible();
	}
	await shoot(joined[0]!.guest, 'feedback-sent', PHONE);

	await page.goto(workshopPath);
	await page.getByLabel('Je confirme').check();
	await page.getByRole('button', { name: 'Archiver l’atelier' }).click();
	await expect(page.getByText('Cet atelier est archivé')).toBeVisible();
	const publication = page.getByRole('region', { name: 'Résultats publics' });
	await publication.getByRole('checkbox', { name: 'Mobilité en centre-ville' }).check();
	await publication.getByRole('button', { name: 'Publier les résultats' }).click();
	const publicLink = await publication.getByLabel('Lien de la page publique').inputValue();

	await page.goto(`${workshopPath}/report`);
	await shoot(page, 'report-fr', DESKTOP);
	await shoot(page, 'report-fr', PHONE);
	await page
		.context()
		.addCookies([{ name: 'croisee-locale', value: 'en', url: new URL(page.url()).origin }]);
	await page.reload();
	await shoot(page, 'report-en', DESKTOP);
	await page
		.context()
		.addCookies([{ name: 'croisee-locale', value: 'fr', url: new URL(page.url()).origin }]);

	const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
	await visitor.goto(publicLink);
	await shoot(visitor, 'public-results', DESKTOP);
	await shoot(visitor, 'public-results', PHONE);

	const pdf = await page.request.get(`/api/workshops/${workshopPath.split('/').pop()}/report.pdf`);
	expect(pdf.status()).toBe(200);
	if (!hasPdftoppm()) {
		console.log('pdftoppm not found (apt-get install -y poppler-utils): report PDF pages skipped');
		return;
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-pdf-'));
	fs.writeFileSync(path.join(dir, 'report.pdf'), await pdf.body());
	execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '4', 'report.pdf', 'page'], {
		cwd: dir
	});
	for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.png'))) {
		const number = Number(/(\d+)\.png$/.exec(file)?.[1]);
		fs.copyFileSync(path.join(dir, file), `${OUT}/report-pdf-page${number}.png`);
	}
	fs.rmSync(dir, { recursive: true, force: true });
});
