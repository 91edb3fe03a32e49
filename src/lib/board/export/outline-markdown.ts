import { boardOutline } from '../outline.ts';
import type { ItemView } from '../schema.ts';

/**
 * The board's outline as Markdown: a heading per frame (reading order), a bullet per object with
 * its category and votes, then the objects outside any frame. User text is escaped so that it
 * stays text (no links, images or raw HTML injected into a rendered report).
 */

/** Words the Markdown is written with (the caller's language). */
export interface MarkdownLabels {
	/** Heading of the objects outside any frame. */
	outside: string;
	/** An untitled frame or empty note. */
	untitled: string;
	/** "3 votes" for a count. */
	votes: (count: number) => string;
	/** The shown label of a category (null: none). */
	category: (category: string | null) => string;
}

/** Escapes Markdown and HTML syntax in one line of user text. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\\`*_[\]#|~!]/g, (char) => `\\${char}`)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** One object as a bullet: its text (line breaks kept inside the bullet), category, votes. */
function bullet(item: ItemView, votes: number, labels: MarkdownLabels): string {
	const text = item.text.trim()
		? item.text.trim().split(/\r?\n/).map(escapeMarkdown).join('  \n  ')
		: `_${labels.untitled}_`;
	const details = [item.category ? labels.category(item.category) : null];
	if (votes > 0) details.push(labels.votes(votes));
	const suffix = details.filter(Boolean).map((d) => escapeMarkdown(d as string));
	return `- ${text}${suffix.length ? ` — _${suffix.join(', ')}_` : ''}`;
}

/** The whole outline as a Markdown document titled `title`. */
export function outlineToMarkdown(input: {
	title: string;
	items: readonly ItemView[];
	votes?: ReadonlyMap<string, number>;
	labels: MarkdownLabels;
}): string {
	const lines = [`# ${escapeMarkdown(input.title)}`, ''];
	for (const section of boardOutline(input.items)) {
		const heading = section.frame
			? escapeMarkdown(section.frame.text.replace(/\s+/g, ' ').trim()) || input.labels.untitled
			: input.labels.outside;
		lines.push(`## ${heading}`, '');
		for (const item of section.items) {
			lines.push(bullet(item, input.votes?.get(item.id) ?? 0, input.labels));
		}
		lines.push('');
	}
	return lines.join('\n');
}
