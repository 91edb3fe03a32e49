import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createItem, createSticky } from '../schema.ts';
import { boardToSvg, escapeXml } from './svg.ts';

/** Every `<text>` element's content (its tspans concatenated, as a reader selecting it gets). */
function svgTexts(svg: string): string[] {
	const parser = new XMLParser({
		ignoreAttributes: false,
		preserveOrder: true,
		trimValues: false,
		processEntities: true
	});
	const texts: string[] = [];
	const walk = (nodes: unknown[], inText: boolean, into: string[]) => {
		for (const node of nodes as Array<Record<string, unknown>>) {
			for (const [key, value] of Object.entries(node)) {
				if (key === '#text' && inText) into.push(String(value));
				else if (key === 'text') {
					const lines: string[] = [];
					walk(value as unknown[], true, lines);
					texts.push(lines.join(''));
				} else if (Array.isArray(value)) walk(value, inText, into);
			}
		}
	};
	walk(parser.parse(svg) as unknown[], false, []);
	return texts;
}

function sampleBoard(): Y.Doc {
	const doc = new Y.Doc();
	const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 900, h: 600, text: 'Constats' });
	createSticky(doc, {
		x: 40,
		y: 80,
		text: 'Files d’attente « trop longues » à l’accueil',
		category: 'usager'
	});
	doc.transact(() => {
		for (const [, item] of doc.getMap<Y.Map<unknown>>('items')) {
			if (item.get('type') === 'sticky') item.set('frame', frame);
		}
	});
	createItem(doc, { type: 'shape', x: 400, y: 100, shape: 'diamond', text: 'Décision' });
	createItem(doc, { type: 'text', x: 1200, y: 0, text: 'Titre hors cadre' });
	createItem(doc, { type: 'stroke', x: 10, y: 700, points: [0, 0, 50, 20, 100, 0], w: 100, h: 20 });
	createItem(doc, {
		type: 'connector',
		x: 0,
		y: 0,
		start: { x: 0, y: 650 },
		end: { x: 300, y: 650 }
	});
	return doc;
}

describe('board to SVG', () => {
	it('is well-formed XML whose text elements hold every item’s text', () => {
		const svg = boardToSvg({ doc: sampleBoard(), title: 'Atelier', categoryLabel: (c) => c ?? '' });
		expect(XMLValidator.validate(svg)).toBe(true);
		const text = svgTexts(svg).join('\n');
		expect(text).toContain('Constats');
		expect(text).toContain('Files d’attente « trop longues » à l’accueil');
		expect(text).toContain('Décision');
		expect(text).toContain('Titre hors cadre');
		expect(text).toContain('USAGER');
		expect(svg).toMatch(/<path d="M[^"]+Z"/);
		expect(svg).toContain('<polyline');
		expect(svg).toContain('<polygon');
	});

	it('escapes markup typed into the board instead of letting it into the document', () => {
		const doc = new Y.Doc();
		const hostile = '</text><script>alert(1)</script><text>&amp; "quoted" \u0001';
		createSticky(doc, { x: 0, y: 0, text: hostile });
		const svg = boardToSvg({ doc, title: '<script>x</script>' });
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).not.toContain('<script>');
		// Long words wrap across lines: compare without the spaces wrapping adds.
		const flat = svgTexts(svg).join('').replace(/\s+/g, '');
		expect(flat).toContain('</text><script>alert(1)</script><text>&amp;"quoted"');
		expect(escapeXml('a<b&"\'')).toBe('a&lt;b&amp;&quot;&apos;');
	});

	it('wraps long text into several tspans within the note width', () => {
		const doc = new Y.Doc();
		const words = Array.from({ length: 40 }, (_, i) => `mot${i}`).join(' ');
		createSticky(doc, { x: 0, y: 0, text: words });
		const svg = boardToSvg({ doc });
		const spans = svg.match(/<tspan/g) ?? [];
		expect(spans.length).toBeGreaterThan(4);
		expect(svgTexts(svg).join(' ')).toContain('mot39');
	});

	it('draws only one frame and its content when asked', () => {
		const doc = sampleBoard();
		const frame = [...doc.getMap<Y.Map<unknown>>('items')].find(
			([, item]) => item.get('type') === 'frame'
		)?.[0];
		const svg = boardToSvg({ doc, frameId: frame });
		const text = svgTexts(svg).join('\n');
		expect(text).toContain('Files d’attente');
		expect(text).not.toContain('Titre hors cadre');
	});

	it('embeds an image as a data URL when its bytes are given', () => {
		const doc = new Y.Doc();
		createItem(doc, { type: 'image', x: 0, y: 0, file: 'f1', text: 'Plan du quartier' });
		const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
		const svg = boardToSvg({ doc, images: new Map([['f1', { contentType: 'image/png', bytes }]]) });
		expect(svg).toContain(`href="data:image/png;base64,${btoa(String.fromCharCode(...bytes))}"`);
		expect(svgTexts(svg).join(' ')).toContain('Plan du quartier');
		const without = boardToSvg({ doc });
		expect(without).not.toContain('<image');
	});
});
