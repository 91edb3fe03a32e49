import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from './shortcuts.ts';

const press = (
	key: string,
	mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
	code?: string
) =>
	shortcutFor({
		key,
		code,
		ctrlKey: false,
		metaKey: false,
		shiftKey: false,
		altKey: false,
		...mods
	});

describe('board shortcuts', () => {
	it('maps letters, undo/redo on Ctrl or ⌘, and zoom to fit on Shift+1 on any layout', () => {
		expect(press('n')).toBe('new-note');
		expect(press('N', { shiftKey: true })).toBe('new-note');
		expect(press('z', { ctrlKey: true })).toBe('undo');
		expect(press('Z', { metaKey: true, shiftKey: true })).toBe('redo');
		expect(press('y', { ctrlKey: true })).toBe('redo');
		expect(press('&', { shiftKey: true }, 'Digit1')).toBe('zoom-fit');
		expect(press('?', { shiftKey: true })).toBe('help');
		expect(press('n', { altKey: true })).toBeNull();
	});

	it('lists on the sheet every action the keys can trigger', () => {
		const listed = new Set(SHORTCUTS.map((s) => s.action));
		for (const key of [
			'n',
			't',
			'r',
			'o',
			'd',
			'f',
			'p',
			'c',
			'v',
			']',
			'[',
			'+',
			'-',
			'0',
			'l',
			'?'
		]) {
			expect(listed.has(press(key) ?? 'help')).toBe(true);
		}
	});
});
