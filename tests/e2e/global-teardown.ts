import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Removes the run's temporary data directory (only ever one made under the system tmpdir). */
export default function globalTeardown(): void {
	const dir = process.env.CROISEE_E2E_DATA_DIR;
	if (dir && path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith('croisee-e2e-')) {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
