import { expect, test, type CDPSession } from '@playwright/test';
import { createBoard, signUp } from './helpers.ts';
import { boxOf, canvasBox, expectObjectCount, object, objects } from './canvas-helpers.ts';

type Finger = { x: number; y: number };

/** Real touch input through the DevTools protocol: each step moves every finger. */
async function touchPath(cdp: CDPSession, steps: Finger[][]): Promise<void> {
	const points = (fingers: Finger[]) =>
		fingers.map((f, id) => ({
			x: Math.round(f.x),
			y: Math.round(f.y),
			id,
			radiusX: 5,
			radiusY: 5,
			force: 1
		}));
	const [first, ...rest] = steps;
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(first!) });
	for (const step of rest) {
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(step) });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

function line(from: Finger[], to: Finger[], count = 8): Finger[][] {
	return Array.from({ length: count + 1 }, (_, i) =>
		from.map((f, k) => ({
			x: f.x + ((to[k]!.x - f.x) * i) / count,
			y: f.y + ((to[k]!.y - f.y) * i) / count
		}))
	);
}

test('on a tablet: one finger pans or moves a note, two fingers pinch to zoom', async ({
	browser
}) => {
	const context = await browser.newContext({
		hasTouch: true,
		viewport: { width: 1024, height: 768 }
	});
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await signUp(page, 'Tina Tablette');
	await createBoard(page, 'Atelier tablette');
	await page.getByRole('button', { name: 'Nouvelle note' }).tap();
	await page.keyboard.type('Au doigt');
	await page.getByRole('region', { name: /^Tableau/ }).focus();
	await expectObjectCount(page, 1);
	const [note] = await objects(page);
	const box = await canvasBox(page);

	// One finger on the background pans the view: the note follows on screen.
	const start = await boxOf(object(page, note!.id));
	await touchPath(
		cdp,
		line(
			[{ x: box.x + 80, y: box.y + box.height - 60 }],
			[{ x: box.x + 180, y: box.y + box.height - 100 }]
		)
	);
	await expect
		.poll(async () => {
			const now = await boxOf(object(page, note!.id));
			return [Math.round(now.x - start.x), Math.round(now.y - start.y)];
		})
		.toEqual([100, -40]);

	// One finger on the note moves the note.
	const panned = await boxOf(object(page, note!.id));
	await touchPath(
		cdp,
		line([{ x: panned.x + 30, y: panned.y + 12 }], [{ x: panned.x + 30, y: panned.y + 72 }])
	);
	await expect
		.poll(async () => Math.round((await boxOf(object(page, note!.id))).y - panned.y))
		.toBe(60);

	// Two fingers spreading apart zoom in.
	const zoom = page.getByRole('button', { name: /Réinitialiser le zoom/ });
	await expect(zoom).toHaveText('100 %');
	const mid = { x: box.x + box.width / 2, y: box.y + box.height - 150 };
	await touchPath(
		cdp,
		line(
			[
				{ x: mid.x - 40, y: mid.y },
				{ x: mid.x + 40, y: mid.y }
			],
			[
				{ x: mid.x - 80, y: mid.y },
				{ x: mid.x + 80, y: mid.y }
			]
		)
	);
	await expect(zoom).toHaveText('200 %');
	await context.close();
});
