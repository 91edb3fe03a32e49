import { describe, expect, it } from 'vitest';
import {
	MAX_ZOOM,
	boundingRect,
	MIN_ZOOM,
	boardToScreen,
	cullToRect,
	fitRect,
	fitRectWithin,
	NO_INSETS,
	visibleArea,
	pinch,
	rectFromPoints,
	intersects,
	panBy,
	screenToBoard,
	viewportCenter,
	visibleRect,
	wheelDeltaPx,
	wheelZoomFactor,
	zoomAt,
	type Camera
} from './viewport.ts';

const camera: Camera = { x: 100, y: -50, zoom: 2 };

describe('screen and board coordinates', () => {
	it('converts a point back and forth without drift', () => {
		const board = { x: 37.5, y: -12 };
		const screen = boardToScreen(camera, board);
		expect(screen).toEqual({ x: 175, y: -74 });
		expect(screenToBoard(camera, screen)).toEqual(board);
	});

	it('moves the board with the pointer when panning', () => {
		const moved = panBy(camera, 30, -10);
		expect(screenToBoard(moved, { x: 130, y: -60 })).toEqual(
			screenToBoard(camera, { x: 100, y: -50 })
		);
		expect(moved.zoom).toBe(2);
	});
});

describe('zoomAt', () => {
	it('keeps the board point under the pointer fixed', () => {
		const anchor = { x: 321, y: 123 };
		const before = screenToBoard(camera, anchor);
		const zoomed = zoomAt(camera, anchor, 3.3);
		expect(zoomed.zoom).toBe(3.3);
		const after = screenToBoard(zoomed, anchor);
		expect(after.x).toBeCloseTo(before.x, 9);
		expect(after.y).toBeCloseTo(before.y, 9);
	});

	it('clamps the zoom to its limits', () => {
		expect(zoomAt(camera, { x: 0, y: 0 }, 100).zoom).toBe(MAX_ZOOM);
		expect(zoomAt(camera, { x: 0, y: 0 }, 0.0001).zoom).toBe(MIN_ZOOM);
	});
});

describe('wheel', () => {
	it('zooms in on a negative delta, out on a positive one, and 1 on none', () => {
		expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
		expect(wheelZoomFactor(100)).toBeLessThan(1);
		expect(wheelZoomFactor(0)).toBe(1);
		expect(wheelZoomFactor(-100) * wheelZoomFactor(100)).toBeCloseTo(1, 12);
	});

	it('limits a huge delta to one notch', () => {
		expect(wheelZoomFactor(-5000)).toBe(wheelZoomFactor(-100));
	});

	it('converts lines and pages to pixels', () => {
		expect(wheelDeltaPx(3, 0, 800)).toBe(3);
		expect(wheelDeltaPx(3, 1, 800)).toBe(48);
		expect(wheelDeltaPx(1, 2, 800)).toBe(800);
	});
});

describe('culling', () => {
	it('computes the visible board rectangle with a margin', () => {
		const view = visibleRect({ x: -200, y: 0, zoom: 2 }, { width: 800, height: 600 }, 100);
		expect(view).toEqual({ x: 50, y: -50, w: 500, h: 400 });
	});

	it('keeps only the items intersecting the view, in order', () => {
		const view = { x: 0, y: 0, w: 100, h: 100 };
		const items = [
			{ id: 'inside', x: 10, y: 10, w: 20, h: 20 },
			{ id: 'left', x: -50, y: 10, w: 20, h: 20 },
			{ id: 'overlapping', x: 90, y: 90, w: 50, h: 50 },
			{ id: 'touching', x: 100, y: 0, w: 10, h: 10 },
			{ id: 'below', x: 0, y: 300, w: 10, h: 10 }
		];
		expect(cullToRect(items, view).map((i) => i.id)).toEqual(['inside', 'overlapping']);
	});

	it('treats a rectangle containing another as intersecting', () => {
		expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: -5, y: -5, w: 100, h: 100 })).toBe(true);
	});

	it('finds the board point at the centre of the viewport', () => {
		expect(viewportCenter({ x: -100, y: 50, zoom: 0.5 }, { width: 400, height: 300 })).toEqual({
			x: 600,
			y: 200
		});
	});
});

describe('boundingRect', () => {
	it('encloses every box, or is null for none', () => {
		expect(boundingRect([])).toBeNull();
		expect(
			boundingRect([
				{ x: 10, y: 20, w: 5, h: 5 },
				{ x: -10, y: 0, w: 5, h: 100 }
			])
		).toEqual({ x: -10, y: 0, w: 25, h: 100 });
	});
});

describe('fit, marquee and pinch', () => {
	it('fits a rectangle centred with padding, never zooming in past the limit', () => {
		const camera = fitRect({ x: 0, y: 0, w: 1000, h: 500 }, { width: 600, height: 600 }, 50);
		expect(camera.zoom).toBeCloseTo(0.5);
		expect(screenToBoard(camera, { x: 300, y: 300 })).toEqual({ x: 500, y: 250 });
		expect(fitRect({ x: 0, y: 0, w: 10, h: 10 }, { width: 600, height: 600 }).zoom).toBe(1.5);
	});

	it('fits content inside what the tool column and a drawer leave visible, never under them', () => {
		const size = { width: 1440, height: 800 };
		const insets = { left: 80, right: 400, top: 0, bottom: 0 };
		const content = { x: -200, y: 100, w: 2000, h: 600 };
		const camera = fitRectWithin(content, size, insets, 40);
		const topLeft = boardToScreen(camera, { x: content.x, y: content.y });
		const bottomRight = boardToScreen(camera, {
			x: content.x + content.w,
			y: content.y + content.h
		});
		// Width-bound: 960 px visible minus 2 × 40 of padding for 2000 board units.
		expect(camera.zoom).toBeCloseTo(880 / 2000);
		expect(topLeft.x).toBeCloseTo(80 + 40);
		expect(bottomRight.x).toBeCloseTo(1440 - 400 - 40);
		expect(topLeft.y).toBeGreaterThanOrEqual(0);
		expect(bottomRight.y).toBeLessThanOrEqual(800);
		// Centred in the visible part, not in the whole canvas.
		expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(80 + 960 / 2);
	});

	it('fits content above a phone’s bottom tool bar', () => {
		const size = { width: 390, height: 700 };
		const insets = { left: 0, right: 0, top: 0, bottom: 64 };
		const content = { x: 0, y: 0, w: 200, h: 1200 };
		const camera = fitRectWithin(content, size, insets, 24);
		const bottom = boardToScreen(camera, { x: 0, y: content.h }).y;
		expect(bottom).toBeCloseTo(700 - 64 - 24);
		expect(boardToScreen(camera, { x: 0, y: 0 }).y).toBeCloseTo(24);
	});

	it('is the plain fit when nothing covers the canvas, and never yields an empty area', () => {
		const rect = { x: 5, y: 5, w: 300, h: 100 };
		const size = { width: 600, height: 400 };
		expect(fitRectWithin(rect, size, NO_INSETS)).toEqual(fitRect(rect, size));
		expect(visibleArea(size, { left: 500, right: 500, top: 0, bottom: 0 })).toEqual({
			x: 500,
			y: 0,
			w: 1,
			h: 400
		});
	});

	it('builds a marquee rectangle from corners dragged in any direction', () => {
		expect(rectFromPoints({ x: 10, y: 50 }, { x: 0, y: 20 })).toEqual({
			x: 0,
			y: 20,
			w: 10,
			h: 30
		});
	});

	it('zooms around the fingers and follows their midpoint', () => {
		const start = { x: 0, y: 0, zoom: 1 };
		const next = pinch(
			start,
			{ mid: { x: 100, y: 100 }, distance: 100 },
			{ mid: { x: 120, y: 100 }, distance: 200 }
		);
		expect(next.zoom).toBe(2);
		expect(boardToScreen(next, { x: 100, y: 100 })).toEqual({ x: 120, y: 100 });
	});
});
