/** The outline function of `perfect-freehand` (passed in, so this module stays pure and testable). */
type OutlineOf = (
	points: number[][],
	options: { size: number; thinning: number; smoothing: number; streamline: number }
) => number[][];

/**
 * The SVG path of a smoothed pen stroke: `perfect-freehand` turns the recorded points (flat
 * `[x0, y0, x1, y1, …]`) into the outline of a variable-width line, closed and filled.
 */
export function strokeOutline(
	getStroke: OutlineOf,
	points: readonly number[],
	width: number
): string {
	const pairs: number[][] = [];
	for (let i = 0; i + 1 < points.length; i += 2)
		pairs.push([points[i] as number, points[i + 1] as number]);
	if (pairs.length === 0) return '';
	const outline = getStroke(pairs, {
		size: width * 2,
		thinning: 0.5,
		smoothing: 0.5,
		streamline: 0.5
	});
	if (outline.length === 0) return '';
	const [first, ...rest] = outline as [number[], ...number[][]];
	const round = (n: number | undefined) => Math.round((n ?? 0) * 10) / 10;
	return (
		`M${round(first[0])},${round(first[1])}` +
		rest.map((p) => `L${round(p[0])},${round(p[1])}`).join('') +
		'Z'
	);
}
