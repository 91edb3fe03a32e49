import { register } from 'node:module';

/**
 * Lets benchmarks run outside Vite (`node --import tsx --import ./tests/bench/loaders/inline-assets.mjs`):
 * a `?inline` asset import (the PDF fonts) becomes, as in Vite, a module whose default export is
 * the file as a base64 data URL.
 */
register('./inline-assets-hooks.mjs', import.meta.url);
