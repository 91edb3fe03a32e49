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
