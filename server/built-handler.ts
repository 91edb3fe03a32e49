import type { NodeHandler } from './app.ts';

/**
 * Imports adapter-node's request handler from the production build (`build/handler.js`, written by
 * Vite). Run through tsx (tests, tools) this loads that file and the packages it imports from
 * `node_modules`; the compiled server (`scripts/build.js`) replaces this module with a static
 * import of it, so the handler and the packages it shares with the server are bundled, once.
 */
export function importBuiltHandler(): Promise<{ handler: NodeHandler }> {
	return import(/* @vite-ignore */ new URL('../build/handler.js', import.meta.url).href);
}
