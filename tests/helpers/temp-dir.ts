import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A new empty folder under the system's temporary folder, removed when the current test ends. */
export function tempDir(prefix: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}
