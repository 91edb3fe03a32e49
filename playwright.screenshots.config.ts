import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * Regenerates the pictures under `docs/screenshots/` (`npm run screenshots`): the same server and
 * browser as the e2e tests, with the scripts in `tests/screenshots/`. Not part of `npm test`: the
 * e2e suite asserts behaviour; these scripts only take pictures for people to look at.
 */
export default defineConfig({
	...base,
	testDir: 'tests/screenshots',
	workers: 1,
	timeout: 120_000
});
