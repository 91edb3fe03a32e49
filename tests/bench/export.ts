import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { itemsToCsv } from '../../src/lib/board/export/items-csv.ts';
import { outlineToMarkdown } from '../../src/lib/board/export/outline-markdown.ts';
import { boardToSvg } from '../../src/lib/board/export/svg.ts';
import { MAX_TEXT } from '../../src/lib/board/transfer.ts';
import { createItem, listItems } from '../../src/lib/board/schema.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { boardToPdf } from '../../src/lib/server/export/board-pdf.ts';

/**
 * `npm run bench:export`: the largest board the limits allow (`MAX_OBJECTS_PER_BOARD` objects, each
 * with `MAX_TEXT` characters, the most one object can be given by a paste; `BENCH_TEXT_CHARS`
 * overrides it) exported as PDF, SVG, CSV and Markdown. Targets: each export under 2 s and 300 MB peak RSS. Each format runs in its own
 * process (peak RSS is per process), from the board's encoded state: the time covers decoding the
 * state, listing the items and writing the file, as `GET /api/boards/<id>/export.*` does after
 * its database read.
 */

const TARGET_MS = 2000;
const TARGET_RSS_MB = 300;
const FORMATS = ['pdf', 'svg', 'csv', 'md'] as const;
type Format = (typeof FORMATS)[number];
const CATEGORIES = ['usager', 'agent', 'manager', 'elu'];
const WORDS = ['mobilité', 'quartier', 'été', 'vélo', 'accès', 'écoute', 'budget', 'à', 'demain'];

/** Characters of every note: `BENCH_TEXT_CHARS`, else `MAX_TEXT` (what a paste may write). */
const TEXT_CHARS = Number(process.env.BENCH_TEXT_CHARS) || MAX_TEXT;

/** A note's text: words with accents, a line break now and then, exactly `TEXT_CHARS` long. */
function longText(seed: number): string {
	let text = '';
	for (let i = seed; text.length < TEXT_CHARS; i++) {
		text += WORDS[i % WORDS.length] + (i % 23 === 0 ? '\n' : ' ');
	}
	return text.slice(0, TEXT_CHARS);
}

/** The largest board: `objects` items, a frame around every 100 notes, every note at `MAX_TEXT`. */
function largestBoard(objects: number): Uint8Array {
	const doc = new Y.Doc();
	const z = (n: number) => `a${n.toString(36).padStart(4, '0')}`;
	doc.transact(() => {
		let made = 0;
		let frameId: string | null = null;
		for (let i = 0; made < objects; i++) {
			const x = (i % 100) * 220;
			const y = Math.floor(i / 100) * 220;
			if (i % 100 === 0 && made + 1 < objects) {
				const text = `Cadre ${i / 100 + 1}`;
				frameId = createItem(doc, { type: 'frame', x, y, w: 22_000, h: 220, z: z(made), text });
				made++;
			}
			const category = CATEGORIES[i % CATEGORIES.length]!;
			createItem(doc, {
				type: 'sticky',
				x,
				y,
				w: 200,
				h: 200,
				z: z(made),
				frame: frameId,
				text: longText(i),
				category
			});
			made++;
		}
	});
	return Y.encodeStateAsUpdate(doc);
}

async function exportOnce(format: Format, state: Uint8Array): Promise<number> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const items = listItems(doc);
	const label = (category: string | null) => category ?? '';
	const scene = { doc, frameId: null, categoryLabel: label, images: new Map() };
	const votes = new Map<string, number>();
	if (format === 'pdf') return (await boardToPdf({ ...scene, title: 'Atelier' })).byteLength;
	if (format === 'svg') return boardToSvg({ ...scene, title: 'Atelier' }).length;
	if (format === 'csv') return itemsToCsv({ items, votes }).length;
	const labels = {
		outside: 'Hors cadre',
		untitled: 'Sans titre',
		votes: (n: number) => `${n} votes`,
		category: label
	};
	return outlineToMarkdown({ title: 'Atelier', items, votes, labels }).length;
}

/** Child: one export, then `{ ms, cpuMs, rssMb, size }` on stdout. */
async function child(format: Format, statePath: string): Promise<void> {
	const state = new Uint8Array(fs.readFileSync(statePath));
	const cpu = process.cpuUsage();
	const started = performance.now();
	const size = await exportOnce(format, state);
	const ms = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const rssMb = process.resourceUsage().maxRSS / 1024;
	console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, rssMb, size }));
}

function parent(): void {
	const config = loadConfig();
	const built = performance.now();
	// As many objects as `MAX_OBJECTS_PER_BOARD` allows, fewer when `MAX_BOARD_BYTES` stops first.
	let objects = config.maxObjectsPerBoard;
	let state = largestBoard(objects);
	if (state.byteLength > config.maxBoardBytes) {
		objects = Math.floor((objects * config.maxBoardBytes) / state.byteLength);
		state = largestBoard(objects);
	}
	const buildMs = performance.now() - built;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-export-'));
	const statePath = path.join(dir, 'board.bin');
	fs.writeFileSync(statePath, state);
	console.log(
		`board: ${objects} objects of ${TEXT_CHARS} characters, state ${(state.byteLength / 1e6).toFixed(1)} MB (built in ${buildMs.toFixed(0)} ms)`
	);
	console.log(`targets: < ${TARGET_MS} ms and < ${TARGET_RSS_MB} MB peak RSS per export`);
	const load = os.loadavg()[0]!.toFixed(1);
	console.log(`machine: ${os.cpus().length} cores, load average ${load} (wall time suffers first)`);
	const self = fileURLToPath(import.meta.url);
	// BENCH_FORMATS=pdf,svg runs only those.
	const wanted = process.env.BENCH_FORMATS?.split(',');
	const formats = FORMATS.filter((format) => !wanted || wanted.includes(format));
	let missed = 0;
	try {
		for (const format of formats) {
			const out = execFileSync(
				process.execPath,
				[...process.execArgv, self, '--child', format, statePath],
				{ encoding: 'utf8', maxBuffer: 1024 * 1024 }
			);
			const { ms, cpuMs, rssMb, size } = JSON.parse(out.trim().split('\n').at(-1)!) as {
				ms: number;
				cpuMs: number;
				rssMb: number;
				size: number;
			};
			const ok = ms < TARGET_MS && rssMb < TARGET_RSS_MB;
			if (!ok) missed++;
			console.log(
				`${format.padEnd(4)} ${ms.toFixed(0).padStart(6)} ms (${cpuMs.toFixed(0).padStart(5)} ms CPU)  ${rssMb.toFixed(0).padStart(5)} MB peak RSS  ` +
					`${(size / 1e6).toFixed(1).padStart(6)} MB out  ${ok ? 'ok' : 'MISSED'}`
			);
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	if (missed > 0) process.exitCode = 1;
}

const [flag, format, statePath] = process.argv.slice(2);
if (flag === '--child') await child(format as Format, statePath!);
else parent();
