import type { Reaction } from '$lib/shared/facilitation';

/** The picture shown for each quick reaction (always next to its words, or as a burst). */
export const REACTION_ICONS: Record<Reaction, string> = {
	agree: '👍',
	disagree: '👎',
	clarify: '❓',
	slower: '🐢',
	break: '☕'
};
