import { isMessageKey, type Translate } from './index.ts';

/**
 * Words instead of keys, for the outputs: a category as a group of people in figures ("Usagers"),
 * an object's type ("Note"). A workshop's own categories (e.g. "travailleur pair") are shown as
 * their facilitators wrote them.
 */

/** Category key of people or actions without a category in the figures (`NO_CATEGORY`). */
const NONE = 'none';

/** The name of a category as a group of people: "Usagers", "Élu·es", "Sans catégorie". */
export function categoryGroupLabel(t: Translate, category: string | null): string {
	const key = `category_group_${category ?? NONE}`;
	return isMessageKey(key) ? t(key) : (category ?? t('category_group_none'));
}

/** The name of a board object's type: "Note", "Cadre"… (unknown types as they are). */
export function itemTypeLabel(t: Translate, type: string): string {
	const key = `item_kind_${type}`;
	return isMessageKey(key) ? t(key) : type;
}
