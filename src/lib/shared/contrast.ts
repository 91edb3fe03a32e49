/** WCAG 2.1 colour contrast, for colours computed at run time (notes, people's cursor colours). */

function channel(value: number): number {
	const c = value / 255;
	return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1), from 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
	const n = Number.parseInt(hex.slice(1), 16);
	return (
		0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
	);
}

/** Contrast ratio between two `#rrggbb` colours (WCAG 2.1), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const la = relativeLuminance(a);
	const lb = relativeLuminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Near-black or white, whichever reads better on `background` (`#rrggbb`). */
export function readableTextOn(background: string): '#1b1f27' | '#ffffff' {
	return contrastRatio('#1b1f27', background) >= contrastRatio('#ffffff', background)
		? '#1b1f27'
		: '#ffffff';
}
