#!/usr/bin/env node
/**
 * The production build, safe to run from several starts at once:
 *
 * - `node scripts/build.js` builds always; `node scripts/build.js --if-stale` builds only when
 *   `build/` is missing or was made from other sources (what `npm start` does, so a restart after
 *   a crash takes a second, not a 20-second rebuild);
 * - one build at a time per folder (a lock file); a start that waited for another's build finds it
 *   current and does not build again;
 * - the build is written to a folder of its own and renamed to `build/` when complete, with a stamp
 *   of the sources it was made from, so no server ever loads a half-written build;
 * - the Node server (`server/index.ts` and what it imports), adapter-node's handler and the
 *   packages they use are compiled into the build as `build/croisee-server.js` and its chunks, so
 *   production runs plain JavaScript: no TypeScript loader in memory (~100 MB of RSS), no
 *   transpiling at every start, and no resolving and reading of some 600 package files;
 * - an empty, migrated embedded database (`build/pglite-template/`) that a first start copies
 *   instead of running initdb (seconds of CPU, and a second PostgreSQL's memory) and migrations.
 *
 * Plain JavaScript: it runs before anything is compiled.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the build is made from: folders (walked) and files, relative to the root. */
export const BUILD_INPUTS = [
	'src',
	'static',
	'server',
	'drizzle',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package-lock.json',
	'scripts/build.js'
];

/** Files of the inputs that never reach the build (unit tests beside the code). */
const NOT_BUILT = /\.(spec|test)\.[jt]s$/;

/** The compiled server inside the build: `node build/croisee-server.js` is the production entry. */
export const SERVER_BUNDLE = 'croisee-server.js';

/** Folder of the build holding an empty PGlite data directory, copied by a first start. */
export const PGLITE_TEMPLATE = 'pglite-template';

/** Name of the stamp written into the build: the fingerprint of the sources it was made from. */
export const STAMP_FILE = '.croisee-build.json';

/** Lock file held while a build runs (it contains the builder's process id). */
const LOCK_FILE = '.build.lock';

/** Poll period while waiting for another process' build, in milliseconds. */
const LOCK_POLL_MS = 250;

/** Line SvelteKit prints after a build, which does not apply to this project. */
const MISLEADING_LINE = /npm run preview/;

/**
 * Lists the files below `dir` (relative to `root`), sorted, skipping what never reaches the build.
 * @param {string} root
 * @param {string} dir
 * @returns {string[]}
 */
function filesBelow(root, dir) {
	const absolute = path.join(root, dir);
	let stat;
	try {
		stat = fs.statSync(absolute);
	} catch {
		return [];
	}
	if (!stat.isDirectory()) return [dir];
	return fs
		.readdirSync(absolute, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && !NOT_BUILT.test(entry.name))
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
		.sort();
}

/**
 * SHA-256 of the names and contents of every build input under `root` (contents, not times: a
 * fresh clone or a checkout does not count as a change unless something really changed).
 * @param {string} [root]
 * @returns {string}
 */
export function sourceFingerprint(root = ROOT) {
	const hash = createHash('sha256');
	for (const input of BUILD_INPUTS) {
		for (const file of filesBelow(root, input)) {
			hash.update(file.split(path.sep).join('/')).update('\0');
			hash.update(fs.readFileSync(path.join(root, file))).update('\0');
		}
	}
	return hash.digest('hex');
}

/**
 * Whether the build in `buildDir` was made from the sources now under `root`: false when it is
 * missing, has no stamp (e.g. made by a plain `vite build`) or was made from other sources.
 * @param {{ root?: string, buildDir?: string }} [input]
 * @returns {boolean}
 */
export function isBuildCurrent({ root = ROOT, buildDir = path.join(root, 'build') } = {}) {
	let stamp;
	try {
		stamp = JSON.parse(fs.readFileSync(path.join(buildDir, STAMP_FILE), 'utf8'));
	} catch {
		return false;
	}
	return stamp?.fingerprint === sourceFingerprint(root);
}

/**
 * Whether process `pid` is alive.
 * @param {number} pid
 */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Takes the build lock of `root`, waiting while a live process holds it (a lock left by a dead one
 * is taken over). Returns its release function.
 * @param {string} root
 * @returns {Promise<() => void>}
 */
async function acquireLock(root) {
	const lock = path.join(root, LOCK_FILE);
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lock, { force: true });
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		const holder = Number(fs.readFileSync(lock, 'utf8').trim() || 0);
		if (holder && !isAlive(holder)) {
			fs.rmSync(lock, { force: true });
			continue;
		}
		if (!announced) console.log(`Waiting for the build of process ${holder}…`);
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
	}
}

/**
 * Runs `vite build` writing to `outDir`, forwarding its output without SvelteKit's `npm run
 * preview` advice. Rejects when it fails.
 * @param {string} root
 * @param {string} outDir
 * @returns {Promise<void>}
 */
function runViteBuild(root, outDir) {
	const vite = path.join(root, 'node_modules/vite/bin/vite.js');
	const child = spawn(process.execPath, [vite, 'build'], {
		cwd: root,
		env: { ...process.env, CROISEE_BUILD_OUT: outDir },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let pending = '';
	child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
		const lines = (pending + chunk.toString()).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) if (!MISLEADING_LINE.test(line)) process.stdout.write(line + '\n');
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (pending && !MISLEADING_LINE.test(pending)) process.stdout.write(pending + '\n');
			if (code === 0) resolve();
			else reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`));
		});
	});
}

/**
 * Packages the compiled server leaves in `node_modules`: they load files of their own at run time
 * (PGlite its WebAssembly and data bundle, and the database thread requires it by path; argon2 its
 * native addon; pdfkit its font metrics).
 */
const KEPT_EXTERNAL = ['@electric-sql/pglite', '@node-rs/argon2', 'pdfkit'];

/**
 * esbuild plugin: `server/built-handler.ts` becomes a static import of the handler Vite wrote into
 * `outDir`, so esbuild bundles it with the server (see that module).
 * @param {string} outDir
 * @returns {esbuild.Plugin}
 */
function bundleBuiltHandler(outDir) {
	return {
		name: 'croisee-built-handler',
		setup(build) {
			build.onResolve({ filter: /\/built-handler\.ts$/ }, () => ({
				path: 'built-handler',
				namespace: 'croisee'
			}));
			build.onLoad({ filter: /.*/, namespace: 'croisee' }, () => ({
				contents: `export const importBuiltHandler = () => import(${JSON.stringify(
					path.join(outDir, 'handler.js')
				)});`,
				resolveDir: outDir,
				loader: 'js'
			}));
		}
	};
}

/**
 * Compiles `server/index.ts`, the modules it imports, adapter-node's handler (from `outDir`) and
 * the packages they use (but `KEPT_EXTERNAL`) into ES modules at the top of `outDir`: the entry and
 * the chunks it imports. Each package is in the build once, whether the server, the handler or
 * both import it (a Yjs document made by one is a Yjs document to the other). They sit one folder
 * below the root like `server/index.ts`, so their `import.meta.url`-relative paths (`../drizzle`,
 * `./client` for adapter-node) resolve the same.
 *
 * Why bundle the packages: loading them from `node_modules` meant resolving, reading and compiling
 * some 600 files (drizzle-orm alone 127, zod 99) before the server was healthy, a third of a later
 * start's time on one core.
 * @param {string} root
 * @param {string} outDir
 */
async function compileServer(root, outDir) {
	await esbuild.build({
		absWorkingDir: root,
		entryPoints: { [SERVER_BUNDLE.replace(/\.js$/, '')]: 'server/index.ts' },
		outdir: outDir,
		// `server/index.ts` imports the bulk of the server on demand: its own chunk, loaded once
		// the database is opening; so are the handler's pages. Chunks sit beside the entry, so
		// relative paths resolve alike.
		splitting: true,
		chunkNames: 'croisee-[name]-[hash]',
		bundle: true,
		external: KEPT_EXTERNAL,
		plugins: [bundleBuiltHandler(outDir)],
		// CommonJS packages in an ES module bundle call `require` (for Node's own modules).
		banner: {
			js: "import { createRequire as __croiseeRequire } from 'node:module'; const require = __croiseeRequire(import.meta.url);"
		},
		platform: 'node',
		format: 'esm',
		target: 'node20',
		sourcemap: true,
		logLevel: 'warning',
		// Vite's chunks keep bare `import 'drizzle-orm'` lines for ordering; the package declares
		// no side effects, so dropping them is right, not worth a warning per page.
		logOverride: { 'ignored-bare-import': 'silent' }
	});
}

/**
 * Runs PGlite's initdb into `outDir/pglite-template` and applies the migrations of `drizzle/`, so
 * that a first start finds a database just like a later one (the server still applies whatever
 * migration the template lacks, e.g. from `MIGRATIONS_DIR`).
 * @param {string} root
 * @param {string} outDir
 */
async function createPgliteTemplate(root, outDir) {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const pglite = new PGlite(path.join(outDir, PGLITE_TEMPLATE));
	try {
		await migrate(drizzle(pglite), { migrationsFolder: path.join(root, 'drizzle') });
	} finally {
		await pglite.close();
	}
}

/**
 * Builds into a folder of its own, stamps it, then puts it in place of `build/`.
 * @param {string} root
 */
async function buildAndSwap(root) {
	const fingerprint = sourceFingerprint(root);
	const next = path.join(root, `.build-${process.pid}`);
	const old = path.join(root, `.build-old-${process.pid}`);
	const target = path.join(root, 'build');
	fs.rmSync(next, { recursive: true, force: true });
	try {
		await runViteBuild(root, next);
		await compileServer(root, next);
		await createPgliteTemplate(root, next);
		fs.writeFileSync(path.join(next, STAMP_FILE), JSON.stringify({ fingerprint }) + '\n');
		if (fs.existsSync(target)) fs.renameSync(target, old);
		fs.renameSync(next, target);
	} finally {
		fs.rmSync(next, { recursive: true, force: true });
		fs.rmSync(old, { recursive: true, force: true });
	}
}

/**
 * Builds the app in `root` (only when stale if `ifStale`), one process at a time.
 * @param {{ root?: string, ifStale?: boolean }} [input]
 * @returns {Promise<'built' | 'current'>}
 */
export async function build({ root = ROOT, ifStale = false } = {}) {
	if (ifStale && isBuildCurrent({ root })) return 'current';
	const release = await acquireLock(root);
	try {
		// Another start may have built while this one waited for the lock.
		if (ifStale && isBuildCurrent({ root })) return 'current';
		await buildAndSwap(root);
		return 'built';
	} finally {
		release();
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const ifStale = process.argv.includes('--if-stale');
	build({ ifStale }).then(
		(outcome) => {
			if (outcome === 'current') console.log('The build is current: not rebuilding.');
		},
		(/** @type {unknown} */ error) => {
			console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
			process.exit(1);
		}
	);
}
