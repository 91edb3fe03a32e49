import { describe, expect, it } from 'vitest';
import { BOTTOM_BARS_GAP_PX, dockLiftOver } from './bottom-bars.ts';

describe('dockLiftOver', () => {
	const vote = { width: 680, height: 100 };

	it('leaves the zoom buttons in the corner when the participation bar ends before them', () => {
		expect(dockLiftOver({ canvasWidth: 1440, coveredRight: 0, dockWidth: 280, bar: vote })).toBe(0);
		expect(
			dockLiftOver({
				canvasWidth: 1440,
				coveredRight: 304,
				dockWidth: 280,
				bar: { width: 0, height: 0 }
			})
		).toBe(0);
	});

	it('lifts them above the bar when a drawer pushes the bar into their corner', () => {
		expect(dockLiftOver({ canvasWidth: 1440, coveredRight: 304, dockWidth: 280, bar: vote })).toBe(
			vote.height + BOTTOM_BARS_GAP_PX
		);
	});
});
