import type PDFDocument from 'pdfkit';

/**
 * pdfkit keeps each page's content stream, until the page ends, as one small `Uint8Array` per
 * drawing operator (its `PDFReference.write`): a board of 2,800 long notes held 85 MB of them for
 * 15 MB of content. `compactPageContent` makes every page of `pdf` gather its operators as text
 * and store them in blocks of `BLOCK_BYTES`, so the content costs what it weighs. The bytes written
 * are the same (pdfkit's own `write` receives the blocks, newline after each operator included).
 */

type Pdf = InstanceType<typeof PDFDocument>;

/** What pdfkit's page content reference offers (internal: not part of pdfkit's typed API). */
interface ContentReference {
	write(chunk: string | Uint8Array): void;
	end(chunk?: string | Uint8Array): void;
}

const BLOCK_BYTES = 64 * 1024;
const COMPACTED = Symbol('compacted');

/** Operators (binary strings, one byte per character) as bytes. */
function latin1Bytes(text: string): Uint8Array {
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
	return bytes;
}

function compact(content: ContentReference & { [COMPACTED]?: true }): void {
	if (content[COMPACTED]) return;
	content[COMPACTED] = true;
	const write = content.write.bind(content);
	const end = content.end.bind(content);
	let pending: string[] = [];
	let pendingBytes = 0;
	const flush = () => {
		if (pendingBytes === 0) return;
		write(latin1Bytes(pending.join('')));
		pending = [];
		pendingBytes = 0;
	};
	content.write = (chunk) => {
		if (chunk instanceof Uint8Array) {
			flush();
			write(chunk);
			return;
		}
		const operator = `${chunk}\n`;
		pending.push(operator);
		pendingBytes += operator.length;
		if (pendingBytes >= BLOCK_BYTES) flush();
	};
	content.end = (chunk) => {
		if (chunk !== undefined) content.write(chunk);
		flush();
		end();
	};
}

/** Makes every page of `pdf`, the current one and those added later, store its content compactly. */
export function compactPageContent(pdf: Pdf): void {
	const current = () => {
		const content = (pdf as unknown as { page?: { content?: ContentReference } }).page?.content;
		if (content) compact(content);
	};
	current();
	pdf.on('pageAdded', current);
}
