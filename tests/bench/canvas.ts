import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { countItems } from '../../src/lib/board/schema.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { chromiumLaunchOptions } from '../helpers/chromium.ts';
import { ApiClient } from '../helpers/http-client.ts';
import { fillBoard } from './canvas/board-fill.ts';
import { FRAME_LOOP, PAGE_PROBE } from './canvas/page-probe.ts';

/**
 * Canvas benchmark (issue #3): a board of OBJECTS mixed objects opened in Chromium.
 * Prints: time to the first frame showing objects, the longest main-thread task while opening
 * (what typing would wait for), and frame rates while panning and zooming (median and p95).
 * Run: `node --import tsx tests/bench/canvas.ts` (after `npx vite build`). Figures, never a test.
 */

/** Objects on the benchmark board. */
const OBJECTS = Number(process.env.CANVAS_BENCH_OBJECTS) || 5000;
/** Objects per Yjs update while the board is filled (keeps each message well under 1 MB). */
const FILL_BATCH = 250;
/** Animation frames measured per gesture. */
const FRAMES = 300;
/** The targets of the issue. */
const TARGETS = { firstRenderMs: 1500, medianFps: 50, p95Fps: 30, longestTaskMs: 100 };

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function start(dataDir: string): Promise<RunningServer> {
	const config = {
		...loadConfig({}),
		port: 0,
		host: '127.0.0.1',
		dataDir,
		secret: 'canvas-bench-secret-not-for-production',
		maxObjectsPerBoard: OBJECTS * 2,
		// CANVAS_BENCH_SYNC_PART_BYTES=0 sends the initial state in one message (the former way).
		syncPartBytes: Number(process.env.CANVAS_BENCH_SYNC_PART_BYTES ?? 128 * 1024),
		docMessagesPerSecond: 10_000
	};
	return startServer({ config });
}

/** Fills a new board through a stock y-websocket client with a ticket; resolves once stored. */
async function buildBoard(
	server: RunningServer,
	client: ApiClient,
	boardId: string
): Promise<void> {
	const { body } = await client.request<{ ticket: string }>(
		'POST',
		`/api/boards/${boardId}/ticket`
	);
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/yjs`, boardId, doc, {
		disableBc: true,
		params: { ticket: body.ticket },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	fillBoard(doc, OBJECTS, FILL_BATCH, () => undefined);
	// Stored once a second client loading the board from the server sees every object.
	for (let tries = 0; tries < 120; tries++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const check = new Y.Doc();
		const { body: again } = await client.request<{ ticket: string }>(
			'POST',
			`/api/boards/${boardId}/ticket`
		);
		const reader = new WebsocketProvider(
			`${server.url.replace(/^http/, 'ws')}/yjs`,
			boardId,
			check,
			{
				disableBc: true,
				params: { ticket: again.ticket },
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
			}
		);
		await new Promise<void>((resolve) => reader.once('sync', () => resolve()));
		const stored = countItems(check);
		reader.destroy();
		if (stored >= OBJECTS) break;
	}
	provider.destroy();
}

interface Figures {
	firstRenderMs: number;
	syncedMs: number;
	longestTaskMs: number;
	longTasksOver100: number;
	pan: { medianFps: number; p95Fps: number; rendered: number };
	zoom: { medianFps: number; p95Fps: number; rendered: number };
}

async function measure(
	browser: Browser,
	server: RunningServer,
	cookie: string,
	boardId: string
): Promise<Figures> {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		locale: 'fr-FR'
	});
	const [name = '', value = ''] = cookie.split('=');
	await context.addCookies([{ name, value, url: server.url }]);
	await context.addInitScript(PAGE_PROBE);
	const page = await context.newPage();
	await page.goto(`${server.url}/boards/${boardId}`);
	await page.waitForFunction(
		() =>
			(window as unknown as { __canvasProbe: { firstObjectsAt: number | null } }).__canvasProbe
				.firstObjectsAt !== null,
		undefined,
		{ timeout: 60_000 }
	);
	await page.getByRole('status').filter({ hasText: 'Connecté' }).waitFor();
	const syncedMs = await page.evaluate(() => performance.now());
	await page.waitForTimeout(2000);
	const probe = await page.evaluate(
		() =>
			(
				window as unknown as {
					__canvasProbe: { firstObjectsAt: number; longTasks: { duration: number }[] };
				}
			).__canvasProbe
	);
	const run = async (mode: 'pan' | 'zoom') => {
		const result = (await page.evaluate(
			`(${FRAME_LOOP})({ frames: ${FRAMES}, mode: '${mode}' })`
		)) as { intervals: number[]; rendered: number };
		return {
			medianFps: 1000 / percentile(result.intervals, 50),
			p95Fps: 1000 / percentile(result.intervals, 95),
			rendered: result.rendered
		};
	};
	const pan = await run('pan');
	await page.getByRole('button', { name: /Réinitialiser le zoom/ }).click();
	const zoom = await run('zoom');
	await context.close();
	const longest = Math.max(0, ...probe.longTasks.map((t) => t.duration));
	return {
		firstRenderMs: probe.firstObjectsAt,
		syncedMs,
		longestTaskMs: longest,
		longTasksOver100: probe.longTasks.filter((t) => t.duration > 100).length,
		pan,
		zoom
	};
}

function report(figures: Figures): string {
	const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
	const f = (n: number) => n.toFixed(1);
	return [
		`Canvas benchmark: ${OBJECTS} objects, Chromium (headless, no GPU), ${os.cpus().length} cores`,
		`  first frame with objects  ${f(figures.firstRenderMs)} ms   (target < ${TARGETS.firstRenderMs} ms: ${verdict(figures.firstRenderMs < TARGETS.firstRenderMs)})`,
		`  connected and synced      ${f(figures.syncedMs)} ms`,
		`  longest task while open   ${f(figures.longestTaskMs)} ms   (target ≤ ${TARGETS.longestTaskMs} ms: ${verdict(figures.longestTaskMs <= TARGETS.longestTaskMs)}; ${figures.longTasksOver100} over 100 ms)`,
		`  pan   median ${f(figures.pan.medianFps)} fps, p95 ${f(figures.pan.p95Fps)} fps, ${figures.pan.rendered} objects in the DOM   (targets ≥ ${TARGETS.medianFps} / ≥ ${TARGETS.p95Fps}: ${verdict(figures.pan.medianFps >= TARGETS.medianFps && figures.pan.p95Fps >= TARGETS.p95Fps)})`,
		`  zoom  median ${f(figures.zoom.medianFps)} fps, p95 ${f(figures.zoom.p95Fps)} fps, ${figures.zoom.rendered} objects in the DOM   (targets ≥ ${TARGETS.medianFps} / ≥ ${TARGETS.p95Fps}: ${verdict(figures.zoom.medianFps >= TARGETS.medianFps && figures.zoom.p95Fps >= TARGETS.p95Fps)})`
	].join('\n');
}

async function main(): Promise<void> {
	if (!existsSync(path.resolve('build/handler.js'))) throw new Error('run `npx vite build` first');
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'croisee-canvas-bench-'));
	const server = await start(dataDir);
	const browser = await chromium.launch(chromiumLaunchOptions());
	try {
		const client = new ApiClient(server.url);
		await client.signUp('Bench Canvas');
		const board = await client.createBoard('Tableau de 5000 objets');
		console.error(`canvas bench: filling a board with ${OBJECTS} objects…`);
		await buildBoard(server, client, board.id);
		console.error('canvas bench: opening it in Chromium…');
		console.log(report(await measure(browser, server, client.cookie, board.id)));
	} finally {
		await browser.close();
		await server.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(
			`canvas bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
		);
		process.exit(1);
	}
);
