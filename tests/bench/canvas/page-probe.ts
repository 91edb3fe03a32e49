/**
 * Code injected into the board page before it loads (`addInitScript`): records long tasks and the
 * moment the first objects are in the page, so the benchmark reads them afterwards. Plain
 * JavaScript in a string: it runs in the browser, not through the bundler.
 */
export const PAGE_PROBE = `
(() => {
	const probe = { longTasks: [], firstObjectsAt: null };
	window.__canvasProbe = probe;
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {}
	const watch = () => {
		const observer = new MutationObserver(() => {
			if (probe.firstObjectsAt !== null || !document.querySelector('[data-item-id]')) return;
			// The objects are in the DOM: the next frame is the first one that shows them.
			requestAnimationFrame(() => { probe.firstObjectsAt = performance.now(); });
			observer.disconnect();
		});
		observer.observe(document.documentElement, { childList: true, subtree: true });
	};
	if (document.documentElement) watch(); else document.addEventListener('readystatechange', watch, { once: true });
})();
`;

/**
 * Runs `frames` animation frames, calling `step(i)` before each (a synthetic wheel event on the
 * canvas: pan, or Ctrl + wheel: zoom), and returns the intervals between frames in ms.
 */
export const FRAME_LOOP = `
async ({ frames, mode }) => {
	const canvas = document.querySelector('[data-canvas]');
	const rect = canvas.getBoundingClientRect();
	const intervals = [];
	let last = await new Promise((resolve) => requestAnimationFrame(resolve));
	for (let i = 0; i < frames; i++) {
		const zoom = mode === 'zoom';
		// Pan: a steady diagonal sweep. Zoom: out and in around the centre, between about 50 % and 100 %.
		const deltaY = zoom ? (Math.floor(i / 30) % 2 === 0 ? 12 : -12) : 14;
		canvas.dispatchEvent(new WheelEvent('wheel', {
			deltaX: zoom ? 0 : 9, deltaY, ctrlKey: zoom, bubbles: true, cancelable: true,
			clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2
		}));
		const now = await new Promise((resolve) => requestAnimationFrame(resolve));
		intervals.push(now - last);
		last = now;
	}
	return { intervals, rendered: document.querySelectorAll('[data-item-id]').length };
}
`;
