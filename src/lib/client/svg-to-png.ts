/**
 * PNG export, made in the browser: the server's SVG export drawn onto a canvas. The browser has
 * the fonts and a rasteriser already; the server would need a native renderer and a font file that
 * no deployment is guaranteed to have (see docs/ARCHITECTURE.md, "Exports").
 */

/** Largest side of the PNG, in pixels (browsers cap canvases around 16k; memory matters more). */
export const MAX_PNG_SIDE = 8192;
/** Pixels per board unit when the board is small enough. */
export const PNG_SCALE = 2;

/** The pixel size of the PNG of an SVG `width` × `height` units. */
export function pngSize(width: number, height: number): { width: number; height: number } {
	const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / Math.max(width, height, 1));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** Rasterises an SVG document (text) into PNG bytes. Browser only. */
export async function svgToPng(svg: string): Promise<Blob> {
	const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
	const size = pngSize(
		Number(parsed.getAttribute('width')) || 1,
		Number(parsed.getAttribute('height')) || 1
	);
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = size.width;
		canvas.height = size.height;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d canvas context');
		context.drawImage(image, 0, 0, size.width, size.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Makes the browser download `blob` as `name`. */
export function downloadBlob(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
