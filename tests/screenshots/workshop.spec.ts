import { expect, test, type Page } from '@playwright/test';
import { addNote, createWorkshop, signUp } from '../e2e/helpers.ts';
import { LAPTOP, PHONE } from '../e2e/live-helpers.ts';

/** Where the pictures go, named `<view>-<width>x<height>.png`. */
const shot = (page: Page, view: string) => {
	const { width, height } = page.viewportSize() ?? LAPTOP;
	return page.screenshot({ path: `docs/screenshots/${view}-${width}x${height}.png` });
};

/** Joins with a workshop link in a new browser context of the given screen. */
async function join(
	page: Page,
	input: { link: string; name: string; category: string; viewport: typeof LAPTOP; phone?: boolean }
): Promise<Page> {
	const context = await page.context().browser()!.newContext({
		viewport: input.viewport,
		locale: 'fr-FR',
		hasTouch: input.phone,
		isMobile: input.phone
	});
	const guest = await context.newPage();
	await guest.goto(input.link);
	await guest.getByLabel('Nom affiché').fill(input.name);
	await guest.getByRole('radio', { name: input.category }).check();
	await guest.getByRole('button', { name: 'Rejoindre le tableau' }).click();
	await expect(guest.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	return guest;
}

test.use({ viewport: LAPTOP });

test('a whole workshop: facilitator on a laptop, an usager on a laptop, an élu on a phone, the room screen', async ({
	page
}) => {
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Accueil en mairie');
	await page.getByRole('link', { name: 'Accueil en mairie', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();
	const boardUrl = page.url();

	const usager = await join(page, {
		link,
		name: 'Paul Usager',
		category: 'Usager',
		viewport: LAPTOP
	});
	const elu = await join(page, {
		link,
		name: 'Élise Élue',
		category: 'Élu·e',
		viewport: PHONE,
		phone: true
	});

	// The facilitator sets the step and starts the timer.
	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByLabel('Nouvelle étape').fill('Nos idées pour l’accueil');
	await page.getByLabel('Durée (minutes)').fill('10');
	await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
	await page.getByRole('button', { name: 'Passer à l’étape « Nos idées pour l’accueil »' }).click();
	await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
	await page.getByRole('button', { name: 'Fermer' }).click();

	for (const idea of ['Un accueil sans rendez-vous le samedi', 'Des chaises près du guichet']) {
		await addNote(usager, idea);
	}
	await addNote(page, 'Un agent d’accueil dédié aux démarches en ligne');
	await addNote(elu, 'Horaires élargis le jeudi soir');
	await elu.getByRole('button', { name: 'Lever la main' }).click();
	await usager.getByRole('button', { name: 'Réagir' }).click();
	await usager.getByRole('button', { name: 'D’accord', exact: true }).click();
	await expect(page.getByText('Élise Élue lève la main')).toBeVisible();
	await page.getByRole('button', { name: 'Mains levées : 1' }).click();
	await expect(page.getByRole('heading', { name: 'Mains levées (1)' })).toBeVisible();
	await shot(page, 'facilitator-hands');

	// Silent brainstorm: private ideas, counted per category for the facilitator, then revealed.
	await page.getByRole('button', { name: 'Donner la parole à Élise Élue' }).click();
	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Démarrer les idées en silence' }).click();
	await page.getByRole('button', { name: 'Fermer' }).click();
	for (const [person, ideas] of [
		[usager, ['Un écran qui dit l’attente', 'Un coin enfants']],
		[elu, ['Un agent qui accueille dehors']]
	] as const) {
		for (const idea of ideas) {
			await person.getByLabel('Une idée').fill(idea);
			await person.getByRole('button', { name: 'Ajouter', exact: true }).click();
		}
	}
	await expect(page.locator('[data-draft-counts]')).toContainText('3');
	await shot(usager, 'participant-brainstorm');
	await shot(page, 'facilitator-brainstorm');
	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Dévoiler toutes les idées' }).click();
	// Follow me: the participants see whose view they follow (everything in view, beside the drawer).
	await page.getByRole('button', { name: 'Tout afficher' }).click();
	await page.getByRole('button', { name: 'Me suivre' }).click();
	await expect(usager.locator('[data-follow-banner]')).toContainText('Vous suivez');

	// A vote: the participants see their dots in the dock.
	await page.getByLabel('Points par personne').fill('3');
	await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await expect(usager.getByText('Points restants : 3')).toBeVisible();
	await usager
		.locator('[data-note-id]')
		.first()
		.click({ position: { x: 12, y: 12 } });
	await expect(usager.getByText('Points restants : 2')).toBeVisible();
	await shot(page, 'facilitator');
	await shot(usager, 'participant');
	await expect(elu.getByText('Points restants : 3')).toBeVisible();
	await elu
		.locator('[data-note-id]')
		.first()
		.click({ position: { x: 12, y: 12 } });
	await shot(elu, 'phone');

	await page.getByRole('button', { name: 'Clore le vote' }).click();
	const room = await page.context().newPage();
	await room.goto(`${boardUrl}/salle`);
	await expect(room.locator('[data-room-link]')).toBeVisible();
	await expect(room.locator('[data-room-clock]')).toBeVisible();
	await expect(room.getByRole('heading', { name: 'Votes par catégorie' })).toBeVisible();
	await expect(room.locator('.bars li').first()).toBeVisible();
	await shot(room, 'room');

	await usager.context().close();
	await elu.context().close();
});
