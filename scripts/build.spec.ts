import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAMP_FILE, isBuildCurrent, sourceFingerprint } from './build.js';

describe('isBuildCurrent (does npm start need to build?)', () => {
	let root: string;
	const buildDir = () => path.join(root, 'build');
	const write = (file: string, text: string) => {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	};
	const stamp = () => {
		fs.mkdirSync(buildDir(), { recursive: true });
		const fingerprint = sourceFingerprint(root);
		fs.writeFileSync(path.join(buildDir(), STAMP_FILE), JSON.stringify({ fingerprint }));
	};

	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-build-spec-'));
		write('src/routes/+page.svelte', '<h1>Croisée</h1>');
		write('static/robots.txt', 'User-agent: *');
		write('svelte.config.js', 'export default {};');
		write('package-lock.json', '{}');
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

	it('builds when there is no build yet (a fresh clone)', () => {
		expect(isBuildCurrent({ root })).toBe(false);
	});

	it('builds when the build has no stamp (made by a plain vite build)', () => {
		fs.mkdirSync(buildDir());
		fs.writeFileSync(path.join(buildDir(), 'handler.js'), '');
		expect(isBuildCurrent({ root })).toBe(false);
	});

	it('does not build again when nothing changed since the stamped build', () => {
		stamp();
		expect(isBuildCurrent({ root })).toBe(true);
	});

	it('ignores modification times: touching a file without changing it is no change', () => {
		stamp();
		const file = path.join(root, 'src/routes/+page.svelte');
		fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));
		expect(isBuildCurrent({ root })).toBe(true);
	});

	it.each([
		['a changed page', 'src/routes/+page.svelte', '<h1>Croisée 2</h1>'],
		['a new static file', 'static/icon.svg', '<svg/>'],
		['changed dependencies', 'package-lock.json', '{"lockfileVersion":3}'],
		['a changed server module', 'server/index.ts', 'export {};']
	])('builds again after %s', (_name, file, text) => {
		stamp();
		write(file, text);
		expect(isBuildCurrent({ root })).toBe(false);
	});

	it('does not build again when only a unit test beside the code changed', () => {
		stamp();
		write('src/lib/thing.spec.ts', 'test');
		expect(isBuildCurrent({ root })).toBe(true);
	});

	it('builds again after a file is renamed (same contents, another name)', () => {
		stamp();
		fs.renameSync(path.join(root, 'static/robots.txt'), path.join(root, 'static/robots2.txt'));
		expect(isBuildCurrent({ root })).toBe(false);
	});
});
