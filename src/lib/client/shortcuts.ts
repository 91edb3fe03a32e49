/**
 * Board keyboard shortcuts, pure: a key press → the name of a board action. The board page runs
 * the action; the shortcut sheet (`?`) lists the same table, so the two never disagree.
 */

/** Actions a shortcut can trigger. */
export type BoardAction =
	| 'new-note'
	| 'new-text'
	| 'new-rectangle'
	| 'new-ellipse'
	| 'new-diamond'
	| 'new-frame'
	| 'tool-pen'
	| 'tool-connector'
	| 'tool-select'
	| 'undo'
	| 'redo'
	| 'duplicate'
	| 'select-all'
	| 'front'
	| 'back'
	| 'zoom-fit'
	| 'zoom-selection'
	| 'zoom-in'
	| 'zoom-out'
	| 'zoom-reset'
	| 'outline'
	| 'help';

/** One line of the shortcut sheet: the keys as shown, and the action. */
export interface Shortcut {
	keys: string;
	action: BoardAction;
}

/** Every shortcut, in the order of the sheet. Ctrl means ⌘ on a Mac. */
export const SHORTCUTS: Shortcut[] = [
	{ keys: 'N', action: 'new-note' },
	{ keys: 'T', action: 'new-text' },
	{ keys: 'R', action: 'new-rectangle' },
	{ keys: 'O', action: 'new-ellipse' },
	{ keys: 'D', action: 'new-diamond' },
	{ keys: 'F', action: 'new-frame' },
	{ keys: 'P', action: 'tool-pen' },
	{ keys: 'C', action: 'tool-connector' },
	{ keys: 'V', action: 'tool-select' },
	{ keys: 'Ctrl+Z', action: 'undo' },
	{ keys: 'Ctrl+Shift+Z', action: 'redo' },
	{ keys: 'Ctrl+D', action: 'duplicate' },
	{ keys: 'Ctrl+A', action: 'select-all' },
	{ keys: ']', action: 'front' },
	{ keys: '[', action: 'back' },
	{ keys: 'Shift+1', action: 'zoom-fit' },
	{ keys: 'Shift+2', action: 'zoom-selection' },
	{ keys: '+', action: 'zoom-in' },
	{ keys: '-', action: 'zoom-out' },
	{ keys: '0', action: 'zoom-reset' },
	{ keys: 'L', action: 'outline' },
	{ keys: '?', action: 'help' }
];

/** What a key event means, or null. Ignores presses while typing in a field (except undo). */
export function shortcutFor(event: {
	key: string;
	code?: string;
	ctrlKey: boolean;
	metaKey: boolean;
	shiftKey: boolean;
	altKey: boolean;
}): BoardAction | null {
	const ctrl = event.ctrlKey || event.metaKey;
	const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
	if (event.altKey) return null;
	if (ctrl) {
		if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
		if (key === 'y') return 'redo';
		if (key === 'd') return 'duplicate';
		if (key === 'a') return 'select-all';
		return null;
	}
	if (event.shiftKey && (event.code === 'Digit1' || key === '!')) return 'zoom-fit';
	if (event.shiftKey && (event.code === 'Digit2' || key === '@')) return 'zoom-selection';
	const plain: Record<string, BoardAction> = {
		n: 'new-note',
		t: 'new-text',
		r: 'new-rectangle',
		o: 'new-ellipse',
		d: 'new-diamond',
		f: 'new-frame',
		p: 'tool-pen',
		c: 'tool-connector',
		v: 'tool-select',
		']': 'front',
		'[': 'back',
		'+': 'zoom-in',
		'=': 'zoom-in',
		'-': 'zoom-out',
		'−': 'zoom-out',
		'0': 'zoom-reset',
		l: 'outline',
		'?': 'help'
	};
	return plain[key] ?? null;
}
