import { describe, expect, it } from 'vitest';
import { align, centreInside, distribute, fitFontSize, wrappedLines } from './layout.ts';

const boxes = [
	{ id: 'a', x: 0, y: 0, w: 100, h: 50 },
	{ id: 'b', x: 300, y: 40, w: 50, h: 50 },
	{ id: 'c', x: 120, y: 200, w: 80, h: 20 }
];

describe('align and distribute', () => {
	it('lines boxes up on the left edge and on the vertical centre line', () => {
		expect([...align(boxes, 'left')]).toEqual([
			['b', { x: 0, y: 40 }],
			['c', { x: 0, y: 200 }]
		]);
		const middle = align(boxes, 'middle');
		expect(middle.get('a')).toEqual({ x: 0, y: 85 });
		expect(middle.get('c')).toEqual({ x: 120, y: 100 });
	});

	it('aligns right and bottom edges on the selection bounds', () => {
		expect(align(boxes, 'right').get('a')).toEqual({ x: 250, y: 0 });
		expect(align(boxes, 'bottom').get('b')).toEqual({ x: 300, y: 170 });
	});

	it('spreads three boxes with equal gaps, keeping the outer ones', () => {
		const placement = distribute(boxes, 'horizontal');
		// Occupied 230 of 350 units: two gaps of 60.
		expect([...placement]).toEqual([['c', { x: 160, y: 200 }]]);
		expect(distribute(boxes.slice(0, 2), 'vertical').size).toBe(0);
	});

	it('tells whether an object’s centre is inside a frame', () => {
		const frame = { id: 'f', x: 0, y: 0, w: 200, h: 200 };
		expect(centreInside({ id: 'n', x: 150, y: 150, w: 80, h: 80 }, frame)).toBe(true);
		expect(centreInside({ id: 'n', x: 170, y: 150, w: 80, h: 80 }, frame)).toBe(false);
	});
});

describe('text fit', () => {
	it('keeps short text large and shrinks long text to fit the box', () => {
		expect(fitFontSize('Bus', 200, 160)).toBe(28);
		const long = 'Un guichet unique pour toutes les démarches administratives '.repeat(4);
		const size = fitFontSize(long, 200, 160);
		expect(size).toBeLessThan(20);
		expect(size).toBeGreaterThanOrEqual(10);
		expect(wrappedLines(long, 200, size) * size * 1.3).toBeLessThanOrEqual(160);
	});

	it('gives a text too long for any size the smallest size without wrapping it at every size', () => {
		const long = 'mobilité quartier '.repeat(600);
		expect(fitFontSize(long, 200, 160)).toBe(10);
		// Whitespace is not text: a long run of spaces between two words still fits large.
		expect(fitFontSize(`a${' '.repeat(5000)}b`, 200, 160)).toBe(28);
		// Just over what the box holds at the smallest size: the same answer as the full search.
		const edge = 'x '.repeat(200);
		expect(fitFontSize(edge, 200, 160)).toBe(10);
	});

	it('counts explicit line breaks and wraps long words', () => {
		expect(wrappedLines('a\nb\nc', 200, 16)).toBe(3);
		expect(wrappedLines('x'.repeat(50), 88, 16)).toBe(5);
	});
});
