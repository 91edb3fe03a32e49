import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createItem, createSticky, listItems } from '../schema.ts';
import { escapeMarkdown, outlineToMarkdown, type MarkdownLabels } from './outline-markdown.ts';

const labels: MarkdownLabels = {
	outside: 'Hors cadre',
	untitled: 'Sans titre',
	votes: (n) => `${n} votes`,
	category: (c) => (c === 'usager' ? 'Usager·e' : (c ?? ''))
};

describe('outline as Markdown', () => {
	it('lists frames as headings with their notes, categories and votes, then loose notes', () => {
		const doc = new Y.Doc();
		const frame = createItem(doc, { type: 'frame', x: 0, y: 0, w: 900, h: 600, text: 'Constats' });
		const note = createSticky(doc, { x: 40, y: 80, text: 'Trop d’attente', category: 'usager' });
		doc.getMap<Y.Map<unknown>>('items').get(note)?.set('frame', frame);
		createSticky(doc, { x: 2000, y: 0, text: 'Idée libre' });
		const md = outlineToMarkdown({
			title: 'Atelier accueil',
			items: listItems(doc),
			votes: new Map([[note, 2]]),
			labels
		});
		expect(md.split('\n')).toEqual([
			'# Atelier accueil',
			'',
			'## Constats',
			'',
			'- Trop d’attente — _Usager·e, 2 votes_',
			'',
			'## Hors cadre',
			'',
			'- Idée libre',
			''
		]);
	});

	it('keeps user text as text: no links, images or HTML', () => {
		expect(escapeMarkdown('![x](http://evil) <img src=x> # titre')).toBe(
			'\\!\\[x\\](http://evil) &lt;img src=x&gt; \\# titre'
		);
	});
});
