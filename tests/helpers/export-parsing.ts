import { inflateSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { extractText, getDocumentProxy } from 'unpdf';

/**
 * Readers of the export formats for tests: each export is parsed the way a real consumer would
 * (an XML parser, a CSV parser, a PDF text extractor), never matched as raw bytes.
 */

/** The text content of every element of an SVG document; throws when it is not well-formed XML. */
export function svgText(svg: string): string {
	const valid = XMLValidator.validate(svg);
	if (valid !== true) throw new Error(`SVG is not well-formed: ${JSON.stringify(valid)}`);
	const parser = new XMLParser({ preserveOrder: true, trimValues: false, ignoreAttributes: true });
	const parts: string[] = [];
	const walk = (nodes: unknown): void => {
		if (!Array.isArray(nodes)) return;
		for (const node of nodes as Array<Record<string, unknown>>) {
			for (const [key, value] of Object.entries(node)) {
				if (key === '#text') parts.push(String(value));
				else walk(value);
			}
		}
	};
	walk(parser.parse(svg));
	return parts.join(' ');
}

/** The rows of a CSV export (UTF-8 BOM removed) as objects keyed by the header row. */
export function csvRows(csv: string): Array<Record<string, string>> {
	return parse(csv.replace(/^\ufeff/, ''), { columns: true }) as Array<Record<string, string>>;
}

/** The text layer of a PDF, pages merged. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const { text } = await extractText(pdf, { mergePages: true });
	return text;
}

/**
 * The characters a PDF's embedded fonts map their glyphs to (their `ToUnicode` maps, inflated): a
 * text extractor turns every space-like glyph into U+0020, so this is how a test sees that a narrow
 * no-break space (U+202F) was drawn with a glyph of its own.
 */
export function pdfMappedCharacters(bytes: Uint8Array): Set<string> {
	const raw = Buffer.from(bytes).toString('latin1');
	const found = new Set<string>();
	for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
		let text: string;
		try {
			text = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
		} catch {
			continue;
		}
		if (!text.includes('begincmap')) continue;
		const ranges = text.slice(text.indexOf('beginbf'));
		// Destination strings are UTF-16BE hex; glyph ids (sources) add harmless extra entries.
		for (const [, hex] of ranges.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
			for (let i = 0; i + 4 <= (hex ?? '').length; i += 4)
				found.add(String.fromCharCode(Number.parseInt(hex!.slice(i, i + 4), 16)));
		}
	}
	return found;
}
