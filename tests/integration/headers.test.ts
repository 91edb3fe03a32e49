import { chromium, type Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSticky } from '../../src/lib/board/schema.ts';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';
import { DRIVERS } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { childStorage, freePort, startChildServer, stopChild } from './faults-support.ts';
import { Harness } from './support.ts';

/** Time for a test that starts a server process and a browser (slow on a loaded machine). */
const CHILD_TEST_TIMEOUT_MS = 120_000;

/** Markup that would run script if any page inserted it as HTML. */
const HOSTILE = {
	name: '<script>window.__xss = "name"</script>',
	title: '<img src=x onerror="window.__xss = \'title\'">',
	note: '<img src=x onerror="window.__xss = \'note\'"><svg onload="window.__xss = \'svg\'">'
};

/** The CSP directives of a header, by name. */
function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter(([name]) => name)
			.map(([name = '', ...values]) => [name, values])
	);
}

function expectSecurityHeaders(path: string, headers: Headers): void {
	expect(headers.get('x-content-type-options'), path).toBe('nosniff');
	expect(headers.get('referrer-policy'), path).toBe('same-origin');
	expect(headers.get('x-frame-options'), path).toBe('DENY');
}

describe.each(DRIVERS)('security headers and hostile text (%s)', (driver) => {
	const h = new Harness();
	let browser: Browser;
	beforeAll(async () => {
		browser = await chromium.launch(chromiumLaunchOptions());
	});
	afterAll(() => browser?.close());
	afterEach(() => h.cleanup());

	/**
	 * A production server in a child process (pages are served exactly as in production, outside
	 * the test runner's module loader), with a facilitator and a board.
	 */
	async function productionServer(name = 'Fatima Facilitatrice', title = 'Atelier') {
		const storage = await childStorage(driver);
		h.defer(() => storage.destroy());
		const child = await startChildServer(await freePort(), storage.env);
		h.defer(() => stopChild(child));
		const facilitator = new ApiClient(child.server.url);
		await facilitator.signUp(name);
		const board = await facilitator.createBoard(title);
		return { server: child.server, facilitator, board };
	}

	it(
		'serves every page with a CSP without inline scripts, no framing, nosniff and a same-origin referrer',
		async () => {
			const { server, facilitator, board } = await productionServer();
			const pages: Array<[string, boolean]> = [
				['/', false],
				['/login', false],
				['/signup', false],
				['/dashboard', true],
				[`/boards/${board.id}`, true]
			];
			for (const [path, signedIn] of pages) {
				const response = await fetch(server.url + path, {
					headers: signedIn ? { cookie: facilitator.cookie } : {},
					redirect: 'manual'
				});
				expect(response.status, path).toBe(200);
				expectSecurityHeaders(path, response.headers);
				const csp = directives(response.headers.get('content-security-policy') ?? '');
				const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
				expect(scripts, path).toContain("'self'");
				expect(scripts.join(' '), path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
				expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
				expect(csp.get('object-src'), path).toEqual(["'none'"]);
				expect(csp.get('base-uri'), path).toEqual(["'self'"]);
			}
			const api = await fetch(`${server.url}/api/boards`, {
				headers: { cookie: facilitator.cookie }
			});
			expectSecurityHeaders('/api/boards', api.headers);
		},
		CHILD_TEST_TIMEOUT_MS
	);

	it(
		'shows names, titles and note text containing markup as text, never running it',
		async () => {
			const { server, facilitator, board } = await productionServer(HOSTILE.name, HOSTILE.title);
			const writer = await h.syncedProvider(server, board.id, { cookie: facilitator.cookie });
			createSticky(writer.doc, { x: 40, y: 40, text: HOSTILE.note });

			const context = await browser.newContext();
			h.defer(() => context.close());
			const [name, value] = facilitator.cookie.split('=');
			await context.addCookies([{ name: name ?? '', value: value ?? '', url: server.url }]);
			const page = await context.newPage();
			const violations: string[] = [];
			page.on('console', (message) => {
				if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
			});
			await page.goto(`${server.url}/boards/${board.id}`);
			// The note arrives over the websocket, then is rendered (as text, in a textarea or a node).
			await page.waitForFunction(
				(text) =>
					[...document.querySelectorAll('textarea')].some((area) => area.value === text) ||
					document.body.innerText.includes(text),
				HOSTILE.note,
				{ timeout: 45_000 }
			);
			const body = await page.locator('body').innerText();
			expect(body).toContain(HOSTILE.title);
			expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
			// The board page is the canvas under a slim bar: the person's name is in the site header.
			const site = await context.newPage();
			await site.goto(`${server.url}/dashboard`);
			expect(await site.locator('body').innerText()).toContain(HOSTILE.name);
			expect(await site.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
			expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
			const inlineScripts = await page.locator('script:not([src])').allTextContents();
			// Hydration data carries the hostile strings as JSON, with `<` escaped: data, not markup.
			expect(inlineScripts.join('\n')).not.toMatch(/<\/?script|<img/i);

			const dashboard = await fetch(`${server.url}/dashboard`, {
				headers: { cookie: facilitator.cookie }
			});
			const html = await dashboard.text();
			expect(html).not.toContain(HOSTILE.title);
			expect(html).toContain('&lt;img src=x onerror=');
			expect(violations).toEqual([]);
		},
		CHILD_TEST_TIMEOUT_MS
	);
});
