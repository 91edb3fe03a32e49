import fs from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags for headless Chromium on these machines (no sandbox as root, no background traffic). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** What to do when no browser is found, in one line. */
export const NO_CHROMIUM_MESSAGE =
	'No Chromium found: run `apt-get install -y chromium` or `npx playwright install chromium`.';

/** Debian's Chromium first, then Playwright's own browser when installed; null when neither. */
export function findChromium(): string | null {
	if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	const bundled = chromium.executablePath();
	return bundled && fs.existsSync(bundled) ? bundled : null;
}

/** Launch options for Playwright's `chromium.launch`; throws `NO_CHROMIUM_MESSAGE` without one. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
	const executablePath = findChromium();
	if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
	return { executablePath, args: CHROMIUM_ARGS };
}
