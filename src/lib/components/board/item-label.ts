import type { ItemView } from '$lib/board/schema';
import { categoryLabel, type Translate } from '$lib/i18n';

/** Longest excerpt of an object's text put in its accessible name, in characters. */
const EXCERPT_CHARS = 60;

/**
 * The accessible name of a canvas object: its kind, its author's category for notes, and the start
 * of its text, so that tabbing through the board reads something meaningful.
 */
export function itemLabel(t: Translate, item: ItemView): string {
	const text = item.text.trim().replace(/\s+/g, ' ');
	const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
	if (item.type === 'sticky') {
		const base = t('board_note_label', { category: categoryLabel(t, item.category) });
		return excerpt ? `${base} : ${excerpt}` : base;
	}
	if (item.type === 'shape') {
		const base = t(`shape_${item.shape ?? 'rectangle'}`);
		return excerpt ? `${base} : ${excerpt}` : base;
	}
	const kind = t(`item_kind_${item.type}`);
	// A crossed peer group's frame says whose work it holds.
	const base =
		item.type === 'frame' && item.category ? `${kind} · ${categoryLabel(t, item.category)}` : kind;
	return excerpt ? `${base} : ${excerpt}` : base;
}
