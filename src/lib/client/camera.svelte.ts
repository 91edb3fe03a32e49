import {
	CULL_MARGIN_PX,
	INITIAL_CAMERA,
	fitRectWithin,
	ZOOM_STEP,
	panBy,
	screenToBoard,
	visibleArea,
	visibleRect,
	zoomAt,
	type Camera,
	type Insets,
	type Point,
	type Rect
} from './viewport.ts';

/** The reactive view of one canvas: camera (pan and zoom) and the size of the visible area. */
export class CanvasCamera {
	camera = $state.raw<Camera>(INITIAL_CAMERA);
	width = $state(0);
	height = $state(0);
	/**
	 * Screen pixels on the right of the canvas hidden by a drawer laid over it: "where the person
	 * looks" (new objects, centring) is the centre of what stays visible.
	 */
	coveredRight = $state(0);
	/** Screen pixels on the left hidden by the floating tool column (wide screens). */
	coveredLeft = $state(0);
	/** Screen pixels at the bottom hidden by the tool bar (phones). */
	coveredBottom = $state(0);

	/** What floating tools and drawers hide of the canvas, on each side. */
	readonly insets: Insets = $derived({
		left: this.coveredLeft,
		right: this.coveredRight,
		top: 0,
		bottom: this.coveredBottom
	});

	/** The board rectangle worth rendering: the visible area plus a margin. */
	readonly renderRect: Rect = $derived(
		visibleRect(this.camera, { width: this.width, height: this.height }, CULL_MARGIN_PX)
	);

	/** Zoom in percent, rounded, for display. */
	readonly percent: number = $derived(Math.round(this.camera.zoom * 100));

	/** Moves the view by a screen distance. */
	pan(dx: number, dy: number): void {
		this.camera = panBy(this.camera, dx, dy);
	}

	/** Multiplies the zoom by `factor` around a screen point (default: the viewport's centre). */
	zoomBy(factor: number, anchor?: Point): void {
		const at = anchor ?? { x: this.width / 2, y: this.height / 2 };
		this.camera = zoomAt(this.camera, at, this.camera.zoom * factor);
	}

	/** One zoom step in (+1) or out (−1) around the viewport's centre. */
	step(direction: 1 | -1): void {
		this.zoomBy(direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
	}

	/** Back to zoom 100 %, keeping the board point at the centre where it is. */
	resetZoom(): void {
		this.zoomBy(1 / this.camera.zoom);
	}

	/** Pans (zoom unchanged) so that a board point is at the centre of the visible area. */
	centerOn(point: Point): void {
		const { zoom } = this.camera;
		this.camera = { x: this.width / 2 - point.x * zoom, y: this.height / 2 - point.y * zoom, zoom };
	}

	/** The board point under a screen point (relative to the canvas). */
	toBoard(point: Point): Point {
		return screenToBoard(this.camera, point);
	}

	/** The board point at the centre of the visible area (what tools and drawers leave). */
	center(): Point {
		const area = visibleArea({ width: this.width, height: this.height }, this.insets);
		return screenToBoard(this.camera, { x: area.x + area.w / 2, y: area.y + area.h / 2 });
	}

	/**
	 * Shows a board rectangle whole, centred in what the tool bar and an open drawer leave visible
	 * (zoom to fit, zoom to selection).
	 */
	fit(rect: Rect): void {
		if (this.width === 0 || this.height === 0) return;
		this.camera = fitRectWithin(rect, { width: this.width, height: this.height }, this.insets);
	}
}
