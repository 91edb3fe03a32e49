import { createContext } from 'svelte';
import type { Locale, Translate } from './index.ts';

/** The UI language of the page and its translate function, as components read them. */
export interface I18n {
	readonly locale: Locale;
	readonly t: Translate;
}

/**
 * `getI18n()` in any component below the root layout, which calls `setI18n(...)` with the locale
 * chosen on the server (`locals.locale`).
 */
export const [getI18n, setI18n] = createContext<I18n>();
