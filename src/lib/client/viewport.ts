/**
 * Canvas maths, pure: the camera maps board coordinates (1 unit = 1 CSS pixel at zoom 1) to screen
 * coordinates (CSS pixels from the canvas's top-left corner): `screen = board × zoom + offset`.
 */

/** A point, in board or screen units depending on the function. */
export interface Point {
	x: number;
	y: number;
}

/** An axis-aligned rectangle. */
export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** The view: screen offset of the board origin (CSS px) and scale (screen px per board unit). */
export interface Camera {
	x: number;
	y: number;
	zoom: number;
}

/** Smallest and largest zoom. */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 4;
/** Factor applied by one press of the zoom buttons or keys. */
export const ZOOM_STEP = 1.25;
/** Distance the view moves on one arrow key press, in screen pixels. */
export const PAN_STEP_PX = 80;
/** Extra screen pixels around the viewport inside which items are still rendered. */
export const CULL_MARGIN_PX = 200;

/** The camera at its initial place: board origin at the top-left corner, zoom 1. */
export const INITIAL_CAMERA: Camera = { x: 0, y: 0, zoom: 1 };

/** `zoom` kept within [MIN_ZOOM, MAX_ZOOM]. */
export function clampZoom(zoom: number): number {
	return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The board point under a screen point. */
export function screenToBoard(camera: Camera, point: Point): Point {
	return { x: (point.x - camera.x) / camera.zoom, y: (point.y - camera.y) / camera.zoom };
}

/** The screen point of a board point. */
export function boardToScreen(camera: Camera, point: Point): Point {
	return { x: point.x * camera.zoom + camera.x, y: point.y * camera.zoom + camera.y };
}

/** The camera moved by a screen distance (dragging the background by `dx, dy` pixels). */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
	return { x: camera.x + dx, y: camera.y + dy, zoom: camera.zoom };
}

/**
 * The camera zoomed to `zoom` (clamped) so that the board point under the screen point `anchor`
 * stays under it: zooming "around the pointer".
 */
export function zoomAt(camera: Camera, anchor: Point, zoom: number): Camera {
	const next = clampZoom(zoom);
	const fixed = screenToBoard(camera, anchor);
	return { x: anchor.x - fixed.x * next, y: anchor.y - fixed.y * next, zoom: next };
}

/**
 * Zoom factor of a wheel event's vertical delta in pixels (negative delta = zoom in). Trackpad
 * pinches send small deltas, mouse wheels larger ones; the exponential keeps both smooth.
 */
export function wheelZoomFactor(deltaY: number): number {
	const limited = Math.max(-100, Math.min(100, deltaY));
	return Math.exp(-limited * 0.002);
}

/** A wheel delta in pixels, whatever the event's `deltaMode` (0 pixels, 1 lines, 2 pages). */
export function wheelDeltaPx(delta: number, deltaMode: number, pageSize: number): number {
	if (deltaMode === 1) return delta * 16;
	if (deltaMode === 2) return delta * pageSize;
	return delta;
}

/** The board rectangle seen through a viewport of `size` screen pixels, grown by `marginPx`. */
export function visibleRect(
	camera: Camera,
	size: { width: number; height: number },
	marginPx = 0
): Rect {
	const topLeft = screenToBoard(camera, { x: -marginPx, y: -marginPx });
	return {
		x: topLeft.x,
		y: topLeft.y,
		w: (size.width + 2 * marginPx) / camera.zoom,
		h: (size.height + 2 * marginPx) / camera.zoom
	};
}

/** True when two rectangles overlap (touching edges do not count). */
export function intersects(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The items whose box intersects `view`, in their original order. */
export function cullToRect<T extends Rect>(items: readonly T[], view: Rect): T[] {
	return items.filter((item) => intersects(item, view));
}

/** The board point at the centre of a viewport of `size` screen pixels. */
export function viewportCenter(camera: Camera, size: { width: number; height: number }): Point {
	return screenToBoard(camera, { x: size.width / 2, y: size.height / 2 });
}

/** The smallest rectangle holding every box, or null when there is none. */
export function boundingRect(boxes: readonly Rect[]): Rect | null {
	if (boxes.length === 0) return null;
	let left = Infinity;
	let top = Infinity;
	let right = -Infinity;
	let bottom = -Infinity;
	for (const box of boxes) {
		left = Math.min(left, box.x);
		top = Math.min(top, box.y);
		right = Math.max(right, box.x + box.w);
		bottom = Math.max(bottom, box.y + box.h);
	}
	return { x: left, y: top, w: right - left, h: bottom - top };
}

/** Screen pixels kept free around a rectangle brought into view. */
export const FIT_PADDING_PX = 48;

/**
 * The camera that shows `rect` whole and centred in a viewport of `size` screen pixels, with
 * `paddingPx` around it; the zoom never exceeds `maxZoom` (a single small note is not blown up).
 */
export function fitRect(
	rect: Rect,
	size: { width: number; height: number },
	paddingPx = FIT_PADDING_PX,
	maxZoom = 1.5
): Camera {
	const width = Math.max(1, size.width - 2 * paddingPx);
	const height = Math.max(1, size.height - 2 * paddingPx);
	const zoom = clampZoom(
		Math.min(maxZoom, width / Math.max(1, rect.w), height / Math.max(1, rect.h))
	);
	return {
		x: size.width / 2 - (rect.x + rect.w / 2) * zoom,
		y: size.height / 2 - (rect.y + rect.h / 2) * zoom,
		zoom
	};
}

/** Screen pixels of the canvas hidden on each side by floating tools or an open drawer. */
export interface Insets {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

/** Nothing covers the canvas. */
export const NO_INSETS: Insets = { left: 0, right: 0, top: 0, bottom: 0 };

/**
 * The part of a viewport of `size` screen pixels that `insets` leave visible, in screen pixels
 * (never less than 1 px wide or high).
 */
export function visibleArea(size: { width: number; height: number }, insets: Insets): Rect {
	return {
		x: insets.left,
		y: insets.top,
		w: Math.max(1, size.width - insets.left - insets.right),
		h: Math.max(1, size.height - insets.top - insets.bottom)
	};
}

/**
 * `fitRect` within what `insets` leave visible: the rectangle is shown whole and centred in the
 * part of the canvas that no tool bar or drawer covers (zoom to fit, zoom to selection).
 */
export function fitRectWithin(
	rect: Rect,
	size: { width: number; height: number },
	insets: Insets,
	paddingPx = FIT_PADDING_PX
): Camera {
	const area = visibleArea(size, insets);
	const camera = fitRect(rect, { width: area.w, height: area.h }, paddingPx);
	return { x: camera.x + area.x, y: camera.y + area.y, zoom: camera.zoom };
}

/** The rectangle spanned by two corner points, in any order. */
export function rectFromPoints(a: Point, b: Point): Rect {
	return {
		x: Math.min(a.x, b.x),
		y: Math.min(a.y, b.y),
		w: Math.abs(a.x - b.x),
		h: Math.abs(a.y - b.y)
	};
}

/**
 * The camera after a two-finger gesture: the board point that was under the fingers' old midpoint
 * goes under the new one, and the zoom follows the change of distance between the fingers.
 */
export function pinch(
	camera: Camera,
	before: { mid: Point; distance: number },
	after: { mid: Point; distance: number }
): Camera {
	const zoom = clampZoom(camera.zoom * (after.distance / Math.max(1, before.distance)));
	const fixed = screenToBoard(camera, before.mid);
	return { x: after.mid.x - fixed.x * zoom, y: after.mid.y - fixed.y * zoom, zoom };
}
