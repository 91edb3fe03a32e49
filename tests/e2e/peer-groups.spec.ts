import { expect, test, type Page } from '@playwright/test';
import { addNote, joinAsGuest, noteTexts, signUp } from './helpers.ts';

/** The titles of the frames on the board, sorted. */
function frameTitles(page: Page): Promise<string[]> {
	return page
		.locator('[data-type="frame"] [data-item-text]')
		.evaluateAll((nodes) =>
			nodes.map((node) => (node as HTMLTextAreaElement).value ?? node.textContent ?? '').sort()
		);
}

test('peer groups: an usager and an élu each work on their own group board, unseen by the other, then the facilitator crosses the groups onto the plenary board', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	await page.goto('/workshops');
	await page.getByLabel('Titre').fill('Accueil en mairie');
	await page.getByRole('button', { name: 'Créer l’atelier' }).click();
	await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
	const link = await page.getByLabel('Lien d’invitation').first().inputValue();
	await page.getByRole('link', { name: 'Accueil en mairie', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const plenaryUrl = page.url();

	const usager = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	const elu = await joinAsGuest(browser, { link, name: 'Élise Élue', category: 'Élu·e' });
	await expect(usager).toHaveURL(plenaryUrl);

	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Former les groupes par catégorie' }).click();
	await expect(page.getByText('Groupes formés', { exact: false })).toBeVisible();
	for (const person of [usager, elu]) {
		await expect(person).not.toHaveURL(plenaryUrl);
		await expect(person).toHaveURL(/\/boards\/[a-z0-9]+$/);
		await expect(person.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	}
	await expect(page).toHaveURL(plenaryUrl);
	await expect(usager.getByRole('heading', { level: 1 })).toHaveText('Groupe de pairs : Usager');
	await expect(elu.getByRole('heading', { level: 1 })).toHaveText('Groupe de pairs : Élu·e');
	const usagerBoard = usager.url();
	const eluBoard = elu.url();
	expect(usagerBoard).not.toBe(eluBoard);

	await addNote(usager, 'Des horaires le samedi');
	await addNote(elu, 'Un budget pour l’accueil');
	await expect(usager.locator('[data-save-state]')).toHaveText('Enregistré');
	await expect(elu.locator('[data-save-state]')).toHaveText('Enregistré');
	await expect.poll(() => noteTexts(usager)).toEqual(['Des horaires le samedi']);
	await expect.poll(() => noteTexts(elu)).toEqual(['Un budget pour l’accueil']);
	// Back on the plenary board (a reload, a late arrival), the usager is offered their group's.
	await usager.goto(plenaryUrl);
	await usager.getByRole('link', { name: 'Rejoindre le tableau de mon groupe' }).click();
	await expect(usager).toHaveURL(usagerBoard);
	await expect.poll(() => noteTexts(usager)).toEqual(['Des horaires le samedi']);
	// A group's board stays closed to the other group, even by its address.
	const peek = await elu.context().newPage();
	const refused = await peek.goto(usagerBoard);
	expect(refused?.status()).toBe(403);
	await peek.close();

	await page.getByRole('button', { name: 'Croiser les groupes sur ce tableau' }).click();
	for (const person of [usager, elu, page]) {
		await expect(person).toHaveURL(plenaryUrl);
		await expect
			.poll(() => noteTexts(person).then((texts) => texts.sort()))
			.toEqual(['Des horaires le samedi', 'Un budget pour l’accueil']);
		await expect.poll(() => frameTitles(person)).toEqual(['Usager', 'Élu·e']);
	}
	await expect(usager.locator('[data-group-offer]')).toHaveCount(0);
	// Side by side, each frame marked with its category, each note inside its group's frame.
	const frames = usager.locator('[data-type="frame"]');
	await expect(frames.filter({ hasText: 'Élu·e' })).toHaveCount(1);
	await expect(frames.filter({ hasText: 'Usager' })).toHaveCount(1);
	const boxes = await usager.evaluate(() => {
		const box = (element: Element | null | undefined) => {
			const rect = element?.getBoundingClientRect();
			return rect ? { x: rect.x, y: rect.y, right: rect.right, bottom: rect.bottom } : null;
		};
		const frames = [...document.querySelectorAll('[data-type="frame"]')];
		const frameOf = (name: string) =>
			frames.find((frame) => frame.querySelector('textarea')?.value === name);
		const noteOf = (text: string) =>
			[...document.querySelectorAll('[data-note-id]')].find(
				(note) => note.querySelector('textarea')?.value === text
			);
		return {
			elu: box(frameOf('Élu·e')),
			usager: box(frameOf('Usager')),
			eluNote: box(noteOf('Un budget pour l’accueil')),
			usagerNote: box(noteOf('Des horaires le samedi'))
		};
	});
	expect(boxes.elu!.right).toBeLessThan(boxes.usager!.x);
	expect(Math.abs(boxes.elu!.y - boxes.usager!.y)).toBeLessThan(1);
	for (const [note, frame] of [
		[boxes.eluNote!, boxes.elu!],
		[boxes.usagerNote!, boxes.usager!]
	] as const) {
		expect(note.x).toBeGreaterThanOrEqual(frame.x);
		expect(note.right).toBeLessThanOrEqual(frame.right);
		expect(note.y).toBeGreaterThanOrEqual(frame.y);
		expect(note.bottom).toBeLessThanOrEqual(frame.bottom);
	}
});
