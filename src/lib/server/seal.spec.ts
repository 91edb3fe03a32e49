import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSealKey, seal, unseal } from './seal.ts';

describe('seal', () => {
	it('round-trips a code and refuses another key or altered data', () => {
		const key = loadSealKey({ secret: 'one', dataDir: '/unused' });
		const other = loadSealKey({ secret: 'two', dataDir: '/unused' });
		const sealed = seal(key, 'join-code');
		expect(sealed).not.toContain('join-code');
		expect(unseal(key, sealed)).toBe('join-code');
		expect(unseal(other, sealed)).toBeNull();
		expect(unseal(key, sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA'))).toBeNull();
	});

	it('generates a secret file once and reuses it', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-seal-'));
		try {
			const first = loadSealKey({ secret: null, dataDir: dir });
			const second = loadSealKey({ secret: null, dataDir: dir });
			expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
			expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o077).toBe(0);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
