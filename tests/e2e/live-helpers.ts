import type { Page } from '@playwright/test';

/**
 * Share of the screen where the canvas is on top: `document.elementFromPoint` on a grid of points
 * `stepPx` apart, counting the canvas and what it holds (notes, frames, the spotlight).
 */
export function canvasShare(page: Page, stepPx = 16): Promise<number> {
	return page.evaluate((step) => {
		const canvas = document.querySelector('[data-canvas]');
		if (!canvas) return 0;
		let hits = 0;
		let total = 0;
		for (let y = step / 2; y < window.innerHeight; y += step) {
			for (let x = step / 2; x < window.innerWidth; x += step) {
				total++;
				const element = document.elementFromPoint(x, y);
				if (element && canvas.contains(element)) hits++;
			}
		}
		return hits / total;
	}, stepPx);
}

/** The laptop and phone screens every live-layout figure is measured on. */
export const LAPTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
