import type { Messages } from './index.ts';

/** English messages. */
export const en: Messages = {
	app_name: 'Croisée',
	app_tagline: 'The collaborative whiteboard for co-constructing public policy',
	lang_switch: 'Français',
	error_generic: 'Something went wrong.'
};
