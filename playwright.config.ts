import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, NO_CHROMIUM_MESSAGE, findChromium } from './tests/helpers/chromium.ts';

/** Fixed port of the server under test (Playwright's `webServer` needs to know it in advance). */
const PORT = Number(process.env.E2E_PORT) || 4173;
const BASE_URL = `http://127.0.0.1:${PORT}`;

/** The browser, or a one-line hint on how to get one. */
function chromiumOrExit(): string {
	const found = findChromium();
	if (found) return found;
	console.error(NO_CHROMIUM_MESSAGE);
	process.exit(1);
}

/**
 * A fresh, empty data directory for this run's embedded database, made once by the runner (workers
 * inherit the variable) and removed by `global-teardown.ts`.
 */
process.env.CROISEE_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-e2e-'));
const dataDir = process.env.CROISEE_E2E_DATA_DIR;

export default defineConfig({
	testDir: 'tests/e2e',
	globalTeardown: './tests/e2e/global-teardown.ts',
	fullyParallel: false,
	forbidOnly: true,
	retries: 0,
	workers: 2,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: BASE_URL,
		locale: 'fr-FR',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: chromiumOrExit(),
			args: CHROMIUM_ARGS
		}
	},
	projects: [{ name: 'chromium' }],
	webServer: {
		command: 'node --import tsx server/index.ts',
		url: `${BASE_URL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ORIGIN: BASE_URL,
			SECRET: 'e2e-secret-not-for-production',
			// Every test signs someone up from this one address.
			SIGNUPS_PER_HOUR_PER_ADDRESS: '100000',
			LOG_LEVEL: 'warn'
		}
	}
});
