import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Runs in a child process: creates a PGlite data directory (initdb) in `argv[2]` and closes it. */
const INITDB_CHILD = `
const { PGlite } = await import(process.argv[1]);
const pglite = new PGlite(process.argv[2]);
await pglite.waitReady;
await pglite.close();
`;

/** Runs PGlite's initdb into `dataDir` in a child process. */
function initdbInChild(dataDir: string): Promise<void> {
	const pgliteUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
	const args = ['--input-type=module', '-e', INITDB_CHILD, pgliteUrl.href, dataDir];
	return new Promise<void>((resolve, reject) => {
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (code === 0) resolve();
			else reject(new Error(`initdb failed (${signal ?? code}): ${stderr.trim()}`));
		});
	});
}

/**
 * Creates the PGlite data directory `dataDir` when it does not exist yet: a copy of `template`
 * (an empty data directory made at build time) when there is one, else initdb in a child process.
 * In this process, initdb would run a second PostgreSQL in its own WebAssembly memory, which the
 * process keeps (about 450 MB of RSS) for as long as it runs. Either way the new folder is made
 * beside `dataDir` and renamed, so a start interrupted here leaves no half-made database behind.
 */
export async function createDataDir(dataDir: string, template: string | undefined): Promise<void> {
	if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
	if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) return; // PGlite decides
	const next = `${dataDir}.init-${process.pid}`;
	fs.rmSync(next, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(dataDir), { recursive: true });
	try {
		if (template && fs.existsSync(path.join(template, 'PG_VERSION'))) {
			fs.cpSync(template, next, { recursive: true });
		} else {
			await initdbInChild(next);
		}
		fs.rmSync(dataDir, { recursive: true, force: true }); // an empty folder, if any
		fs.renameSync(next, dataDir);
	} finally {
		fs.rmSync(next, { recursive: true, force: true });
	}
}
