import { boardScene, type Paint, type Primitive, type SceneInput } from './scene.ts';
import { LINE_HEIGHT } from './text-wrap.ts';

/**
 * The board as a standalone SVG document: vector shapes, text as real `<text>`/`<tspan>` (so it
 * can be selected and searched), images embedded as data URLs when their bytes are given. Pure
 * and isomorphic (the server exports it, a browser can render it to a PNG).
 */

/** An uploaded image's bytes, by file id (see `files.ts`). */
export interface EmbeddedImage {
	contentType: string;
	bytes: Uint8Array;
}

/** Font stack of exported text (a sans-serif every viewer has). */
export const EXPORT_FONT = "'Helvetica Neue', Helvetica, Arial, sans-serif";

/**
 * Characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates, U+FFFE/FFFF):
 * a peer may type anything into a Y.Text, the SVG must still parse.
 */
const XML_INVALID =
	// eslint-disable-next-line no-control-regex -- these control characters are what is removed
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes user text for an XML text node or attribute value. */
export function escapeXml(text: string): string {
	return text
		.replace(XML_INVALID, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Rounds to 0.1 unit: enough for a drawing, much shorter files. */
function n(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/** Base64 of bytes, without Node's Buffer (the module also runs in browsers). */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	const CHUNK = 0x8000;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return btoa(binary);
}

function paintAttributes(paint: Paint): string {
	const parts = [`fill="${paint.fill ?? 'none'}"`];
	if (paint.fillOpacity !== undefined) parts.push(`fill-opacity="${paint.fillOpacity}"`);
	if (paint.stroke) parts.push(`stroke="${paint.stroke}" stroke-width="${paint.strokeWidth}"`);
	return parts.join(' ');
}

function textElement(text: Extract<Primitive, { kind: 'text' }>): string {
	const anchor = text.align === 'middle' ? ' text-anchor="middle"' : '';
	const weight = text.bold ? ' font-weight="700"' : '';
	const spans = text.lines
		.map((line, i) => {
			const dy = i === 0 ? 0 : text.fontSize * LINE_HEIGHT;
			// A trailing space keeps words apart when the text is selected or read as a whole.
			const gap = i < text.lines.length - 1 ? ' ' : '';
			return `<tspan x="${n(text.x)}" dy="${n(dy)}">${escapeXml(line + gap)}</tspan>`;
		})
		.join('');
	return (
		`<text x="${n(text.x)}" y="${n(text.y)}" font-size="${n(text.fontSize)}" fill="${text.color}"` +
		`${anchor}${weight} xml:space="preserve">${spans}</text>`
	);
}

function imageElement(
	image: Extract<Primitive, { kind: 'image' }>,
	images: ReadonlyMap<string, EmbeddedImage>
): string {
	const box = `x="${n(image.x)}" y="${n(image.y)}" width="${n(image.w)}" height="${n(image.h)}"`;
	const embedded = images.get(image.file);
	if (!embedded) return `<rect ${box} fill="#eef1f5" stroke="#c3c9d2" stroke-width="1"/>`;
	const href = `data:${escapeXml(embedded.contentType)};base64,${toBase64(embedded.bytes)}`;
	const label = image.alt ? `<title>${escapeXml(image.alt)}</title>` : '';
	return `<image ${box} preserveAspectRatio="xMidYMid meet" href="${href}">${label}</image>`;
}

const points = (list: Array<[number, number]>) => list.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');

/** One primitive as an SVG element. */
function element(primitive: Primitive, images: ReadonlyMap<string, EmbeddedImage>): string {
	switch (primitive.kind) {
		case 'rect':
			return `<rect x="${n(primitive.x)}" y="${n(primitive.y)}" width="${n(primitive.w)}" height="${n(primitive.h)}" rx="${primitive.radius}" ${paintAttributes(primitive)}/>`;
		case 'ellipse':
			return `<ellipse cx="${n(primitive.cx)}" cy="${n(primitive.cy)}" rx="${n(primitive.rx)}" ry="${n(primitive.ry)}" ${paintAttributes(primitive)}/>`;
		case 'polygon':
			return `<polygon points="${points(primitive.points)}" ${paintAttributes(primitive)}/>`;
		case 'path':
			return `<path d="${primitive.d}" fill="${primitive.fill}"/>`;
		case 'polyline':
			return `<polyline points="${points(primitive.points)}" fill="none" stroke="${primitive.stroke}" stroke-width="${primitive.strokeWidth}" stroke-linecap="round" stroke-linejoin="round"/>`;
		case 'text':
			return textElement(primitive);
		case 'image':
			return imageElement(primitive, images);
	}
}

/** Input of `boardToSvg`. */
export interface SvgInput extends SceneInput {
	/** Document title (the board's), written as the SVG's `<title>`. */
	title?: string;
	/** Image bytes by file id; images without bytes are drawn as an empty placeholder box. */
	images?: ReadonlyMap<string, EmbeddedImage>;
}

/** The whole board (or one frame) as a standalone SVG document string. */
export function boardToSvg(input: SvgInput): string {
	const scene = boardScene(input);
	const images = input.images ?? new Map<string, EmbeddedImage>();
	const body = Array.from(scene.primitives, (primitive) => element(primitive, images)).join('\n');
	const viewBox = `${n(scene.x)} ${n(scene.y)} ${n(scene.width)} ${n(scene.height)}`;
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="${n(scene.width)}" height="${n(scene.height)}" font-family="${EXPORT_FONT}" role="img">`,
		`<title>${escapeXml(input.title ?? '')}</title>`,
		`<rect x="${n(scene.x)}" y="${n(scene.y)}" width="${n(scene.width)}" height="${n(scene.height)}" fill="#ffffff"/>`,
		body,
		'</svg>',
		''
	].join('\n');
}
