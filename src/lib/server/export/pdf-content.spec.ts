import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { compactPageContent } from './pdf-content.ts';

/** A two-page document with many small operators, compacted or not, as bytes. */
function drawn(compacted: boolean): Promise<Buffer> {
	const pdf = new PDFDocument({
		size: 'A4',
		info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) }
	});
	if (compacted) compactPageContent(pdf);
	const chunks: Uint8Array[] = [];
	const done = new Promise<Buffer>((resolve) => {
		pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
	});
	for (let page = 0; page < 2; page++) {
		if (page > 0) pdf.addPage();
		for (let i = 0; i < 3000; i++) {
			pdf
				.rect(i % 500, (i * 7) % 800, 3, 3)
				.fillColor(i % 2 ? '#0055aa' : '#aa5500')
				.fill();
		}
		pdf.fillColor('#000').text(`Page ${page + 1} : mobilité, « écoute »`, 50, 50);
	}
	pdf.end();
	return done;
}

describe('compactPageContent', () => {
	it('writes exactly the bytes pdfkit writes without it, across pages', async () => {
		const [plain, compacted] = await Promise.all([drawn(false), drawn(true)]);
		expect(plain.byteLength).toBeGreaterThan(1000);
		expect(compacted.equals(plain)).toBe(true);
	});
});
