import type { CanvasCamera } from './camera.svelte.ts';

/** Space kept between the text being written and the virtual keyboard, in screen pixels. */
const KEYBOARD_MARGIN_PX = 16;

/**
 * How far (screen pixels) to pan so that `box` stays inside the visible part of the page,
 * `visible` (the visual viewport: what the virtual keyboard leaves). Positive moves the board up.
 */
export function panToKeepVisible(
	box: { top: number; bottom: number },
	visible: { top: number; height: number },
	marginPx = KEYBOARD_MARGIN_PX
): number {
	const bottom = visible.top + visible.height - marginPx;
	if (box.bottom <= bottom) return 0;
	// Never push its top out of sight to show its bottom.
	return Math.min(box.bottom - bottom, Math.max(0, box.top - visible.top - marginPx));
}

/**
 * While a virtual keyboard opens or the visual viewport shrinks (`visualViewport` resize), keeps
 * the object whose text has the focus in sight by panning the canvas. Returns the clean-up.
 */
export function keepEditedInView(camera: CanvasCamera): () => void {
	const viewport = window.visualViewport;
	if (!viewport) return () => {};
	const onResize = () => {
		const active = document.activeElement;
		if (!(active instanceof HTMLTextAreaElement)) return;
		const item = active.closest<HTMLElement>('[data-item-id]');
		if (!item) return;
		const box = item.getBoundingClientRect();
		const dy = panToKeepVisible(box, { top: viewport.offsetTop, height: viewport.height });
		if (dy > 0) camera.pan(0, -dy);
	};
	viewport.addEventListener('resize', onResize);
	return () => viewport.removeEventListener('resize', onResize);
}
