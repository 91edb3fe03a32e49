import { expect, test } from '@playwright/test';
import { pasteText } from './canvas-helpers.ts';
import { createWorkshop, joinAsGuest, noteTexts, signUp, tableCells } from './helpers.ts';

test('a facilitator runs a workshop with an usager and an élu: agenda and timer, hand raise, silent brainstorm, dot vote by category, locked board, voice balance, feedback', async ({
	page,
	browser
}) => {
	await signUp(page, 'Fatima Animatrice');
	const link = await createWorkshop(page, 'Mobilité solidaire');
	await page.getByRole('link', { name: 'Mobilité solidaire', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connecté' })).toBeVisible();

	const usager = await joinAsGuest(browser, { link, name: 'Paul Usager', category: 'Usager' });
	const elu = await joinAsGuest(browser, { link, name: 'Élise Élue', category: 'Élu·e' });

	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByLabel('Nouvelle étape').fill('Idées en silence');
	await page.getByLabel('Durée (minutes)').fill('5');
	await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
	await page.getByRole('button', { name: 'Passer à l’étape « Idées en silence »' }).click();
	await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
	for (const person of [usager, elu]) {
		const timer = person.getByTestId('run-timer');
		await expect(timer).toContainText('Idées en silence');
		await expect(timer).toContainText(/4:[0-5]\d|5:00/);
	}
	await page.getByRole('button', { name: 'Mettre en pause' }).click();
	await expect(usager.getByTestId('run-timer')).toContainText('en pause');

	await elu.getByRole('button', { name: 'Lever la main' }).click();
	await expect(page.getByText('Élise Élue lève la main')).toBeVisible();
	await usager.getByRole('button', { name: 'Lever la main' }).click();
	// The facilitator's badge counts the hands and opens the queue.
	await page.getByRole('button', { name: 'Mains levées : 2' }).click();
	await expect(page.getByRole('heading', { name: 'Mains levées (2)' })).toBeVisible();
	const hands = page.getByRole('listitem').filter({ hasText: /Élue|Usager/ });
	await expect(hands.first()).toContainText('Élise Élue · Élu·e');
	await page.getByRole('button', { name: 'Baisser la main de Élise Élue' }).click();
	await expect(elu.getByRole('button', { name: 'Lever la main' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Mains levées (1)' })).toBeVisible();
	await page.getByRole('button', { name: 'Animer' }).click();

	// Silent brainstorm: private ideas, revealed at once with their category only.
	await page.getByRole('button', { name: 'Démarrer les idées en silence' }).click();
	await usager.getByLabel('Une idée').fill('Un bus à la demande le soir');
	await usager.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(
		usager.getByRole('listitem').filter({ hasText: 'Un bus à la demande le soir' })
	).toBeVisible();
	// A note put on the canvas during the brainstorm is private too, drawn dashed where it will land.
	await usager.getByRole('button', { name: 'Nouvelle note' }).click();
	await usager.keyboard.type('Une maison des services au marché');
	const draft = usager.locator('[data-draft-id]').filter({
		has: usager.getByRole('textbox', { name: 'Mon idée privée' })
	});
	await expect(draft).toHaveCount(2);
	await expect(usager.getByRole('textbox', { name: 'Mon idée privée' }).nth(1)).toHaveValue(
		'Une maison des services au marché'
	);
	// Text pasted on the board during the brainstorm becomes private ideas too.
	await usager.getByRole('region', { name: /^Tableau/ }).focus();
	await pasteText(usager, 'Un marché couvert');
	await expect(usager.locator('[data-draft-id]')).toHaveCount(3);
	const mine = usager.getByRole('region', { name: 'Mes idées (en silence)' });
	await expect(mine.getByRole('status')).toHaveText('Enregistré');
	await expect(elu.getByText('Un bus à la demande le soir')).toHaveCount(0);
	await expect(elu.locator('[data-draft-id]')).toHaveCount(0);
	await expect.poll(() => noteTexts(elu)).not.toContain('Un bus à la demande le soir');
	await expect.poll(() => noteTexts(elu)).not.toContain('Une maison des services au marché');
	await expect.poll(() => noteTexts(elu)).not.toContain('Un marché couvert');
	await page.getByRole('button', { name: 'Dévoiler toutes les idées' }).click();
	await expect.poll(() => noteTexts(elu)).toContain('Un bus à la demande le soir');
	await expect.poll(() => noteTexts(elu)).toContain('Une maison des services au marché');
	await expect.poll(() => noteTexts(elu)).toContain('Un marché couvert');
	// Revealed in a tidy grid: no revealed idea covers another.
	const revealed = await elu
		.locator('[data-note-id]')
		.evaluateAll((nodes) =>
			nodes
				.filter((node) =>
					[
						'Un bus à la demande le soir',
						'Une maison des services au marché',
						'Un marché couvert'
					].includes(node.querySelector('textarea')?.value ?? '')
				)
				.map((node) => node.getBoundingClientRect().toJSON() as DOMRect)
		);
	expect(revealed).toHaveLength(3);
	for (const [i, a] of revealed.entries()) {
		for (const b of revealed.slice(i + 1)) {
			const apart =
				a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
			expect(apart, 'two revealed ideas overlap').toBe(true);
		}
	}
	await expect(usager.locator('[data-draft-id]')).toHaveCount(0);
	await expect(usager.getByRole('heading', { name: 'Mes idées (en silence)' })).toHaveCount(0);

	// Dot vote: results hidden until the facilitator closes, then per category side by side.
	await usager.getByRole('button', { name: 'Nouvelle note' }).click();
	await usager.keyboard.type('Navette le dimanche');
	await usager.keyboard.press('Escape');
	await page.getByLabel('Points par personne').fill('2');
	await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
	await expect(usager.getByText('Points restants : 2')).toBeVisible();
	await usager.getByRole('button', { name: 'Voter pour la sélection' }).click();
	await expect(usager.getByText('Points restants : 1')).toBeVisible();
	const navette = await elu
		.locator('[data-note-id]')
		.evaluateAll(
			(nodes) =>
				nodes
					.find((node) => node.querySelector('textarea')?.value === 'Navette le dimanche')
					?.getAttribute('data-note-id') ?? ''
		);
	await elu.locator(`[data-note-id="${navette}"]`).click();
	await elu.getByRole('button', { name: 'Voter pour la sélection' }).click();
	await expect(elu.getByText('Points restants : 1')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Résultats du vote' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Clore le vote' }).click();
	for (const person of [page, usager, elu]) {
		// Results never open by themselves: a toast and the "Résultats" button lead to them.
		await expect(person.getByRole('heading', { name: 'Résultats du vote' })).toHaveCount(0);
		await person.getByRole('button', { name: 'Résultats', exact: true }).click();
		const table = person.getByRole('table', { name: /Points reçus/ });
		await expect(table.getByRole('columnheader')).toHaveText(['Objet', 'Total', 'Élu·e', 'Usager']);
		await expect(table.getByRole('row', { name: /Navette le dimanche/ })).toContainText('2');
	}

	await page.getByRole('button', { name: 'Animer' }).click();
	await page.getByRole('button', { name: 'Verrouiller le tableau' }).click();
	await expect(usager.getByText('Le tableau est verrouillé par l’animation')).toBeVisible();
	await page.getByRole('button', { name: 'Déverrouiller le tableau' }).click();
	await expect(usager.getByText('Le tableau est verrouillé par l’animation')).toHaveCount(0);

	// Voice balance for the facilitator, then feedback stored with the category.
	// One person and one dot in each category: half of the people and of the dots each.
	const balance = page.getByRole('table', { name: 'Part de chaque catégorie' });
	await expect
		.poll(async () =>
			(await tableCells(balance)).map(([name, people, , dots]) => [name, people, dots])
		)
		.toEqual([
			['Catégorie', 'Part des personnes', 'Part des points de vote'],
			['Élu·es', '50\u202f%', '50\u202f%'],
			['Usagers', '50\u202f%', '50\u202f%']
		]);
	await elu.getByRole('link', { name: 'Donner mon avis' }).click();
	await elu.getByRole('radio', { name: '5 – tout à fait' }).check();
	await elu.getByLabel('Ce qui a bien marché').fill('On a vraiment écouté les usagers');
	await elu.getByRole('button', { name: 'Envoyer mon avis' }).click();
	await expect(elu.getByText('Merci, votre avis est enregistré.')).toBeVisible();

	await usager.context().close();
	await elu.context().close();
});
