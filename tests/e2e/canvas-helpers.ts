import { expect, type Locator, type Page } from '@playwright/test';

/** The board's canvas region. */
export function canvas(page: Page): Locator {
	return page.getByRole('region', { name: /^Tableau/ });
}

/** The canvas's box on screen. */
export async function canvasBox(
	page: Page
): Promise<{ x: number; y: number; width: number; height: number }> {
	const box = await canvas(page).boundingBox();
	if (!box) throw new Error('no canvas');
	return box;
}

/** Every object on the page as `{ id, type, text }`, in paint order. */
export function objects(page: Page): Promise<{ id: string; type: string; text: string }[]> {
	return page.locator('[data-item-id]').evaluateAll((nodes) =>
		nodes.map((node) => {
			const element = node as HTMLElement;
			const text = element.querySelector<HTMLTextAreaElement>('[data-item-text]');
			return {
				id: element.dataset.itemId ?? '',
				type: element.dataset.type ?? '',
				text: text?.value ?? ''
			};
		})
	);
}

/** The object with this id. */
export function object(page: Page, id: string): Locator {
	return page.locator(`[data-item-id="${id}"]`);
}

/** A box on screen, as Playwright measures one. */
export type Box = { x: number; y: number; width: number; height: number };

/** True when two boxes on screen share some area. */
export const overlaps = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Its box on screen (fails when it is not rendered). */
export async function boxOf(locator: Locator) {
	const box = await locator.boundingBox();
	if (!box) throw new Error('object not visible');
	return box;
}

/** Drags with the mouse from one screen point to another in a few steps. */
export async function drag(
	page: Page,
	from: { x: number; y: number },
	to: { x: number; y: number },
	modifiers: { shift?: boolean } = {}
) {
	if (modifiers.shift) await page.keyboard.down('Shift');
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 8 });
	await page.mouse.up();
	if (modifiers.shift) await page.keyboard.up('Shift');
}

/** The ids of the objects drawn as selected. */
export function selectedIds(page: Page): Promise<string[]> {
	return page
		.locator('[data-item-id].selected')
		.evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.itemId ?? ''));
}

/** Dispatches a paste of `text` on the focused element, as the browser would on Ctrl+V. */
export async function pasteText(page: Page, text: string): Promise<void> {
	await page.evaluate((value) => {
		const data = new DataTransfer();
		data.setData('text/plain', value);
		const target = document.activeElement ?? document.body;
		target.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	}, text);
}

/** Dispatches a copy on the focused element and returns what was put on the clipboard. */
export function copyText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const data = new DataTransfer();
		const target = document.activeElement ?? document.body;
		target.dispatchEvent(
			new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true })
		);
		return data.getData('text/plain');
	});
}

/** Waits until the page shows exactly `count` objects. */
export async function expectObjectCount(page: Page, count: number): Promise<void> {
	await expect.poll(async () => (await objects(page)).length).toBe(count);
}
