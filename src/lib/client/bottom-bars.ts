/**
 * The two bars at the bottom of a wide canvas: the participation bar (hands, votes), centred in
 * what the drawer leaves visible, and the zoom buttons in the bottom-right corner. A vote's buttons
 * make the participation bar wide; with a drawer open it reaches the corner.
 */

/** Space kept between the two bars, in pixels. */
export const BOTTOM_BARS_GAP_PX = 8;
/** The zoom buttons' distance from the visible canvas's right edge (`.dock` in BoardStage), px. */
export const DOCK_RIGHT_PX = 12;

/**
 * How far the zoom buttons must rise to clear the participation bar: 0 when the bar is absent or
 * ends left of them, else the bar's height and a gap (pixels).
 */
export function dockLiftOver(input: {
	/** The canvas's width, drawer included (it is laid over the canvas). */
	canvasWidth: number;
	/** What the drawer hides on the right. */
	coveredRight: number;
	/** The zoom buttons' width. */
	dockWidth: number;
	bar: { width: number; height: number };
}): number {
	const { canvasWidth, coveredRight, dockWidth, bar } = input;
	if (bar.width === 0 || bar.height === 0 || dockWidth === 0) return 0;
	const visibleRight = canvasWidth - coveredRight;
	const barRight = visibleRight / 2 + bar.width / 2;
	const dockLeft = visibleRight - DOCK_RIGHT_PX - dockWidth;
	return barRight + BOTTOM_BARS_GAP_PX > dockLeft ? bar.height + BOTTOM_BARS_GAP_PX : 0;
}
