import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Repository root (absolute), so that the layer rules below work from any working directory. */
const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The layers (docs/ARCHITECTURE.md, "Layers"): imports point down, never up or into the browser.
 * Each folder (with its subfolders, unless a more specific entry names them) lists the folders it
 * must not import, with relative paths or `$lib/…` aliases alike. `types` are folders it may
 * import types from but no code (erased at build: components typing what a server `load` gives).
 * `aliases` are the Vite-only aliases it must not use: code that `server/` imports runs outside
 * Vite too, where `$lib`, `$app` and `$env` do not exist.
 */
const LAYERS = [
	{
		name: 'shared model and formats',
		folders: ['src/lib/shared', 'src/lib/board', 'src/lib/i18n'],
		forbid: ['src/lib/client', 'src/lib/components', 'src/lib/server', 'src/routes', 'server'],
		aliases: ['$lib', '$app', '$env']
	},
	{
		name: 'browser code',
		folders: ['src/lib/client'],
		forbid: ['src/lib/server', 'src/lib/components', 'src/routes', 'server']
	},
	{
		name: 'server data and services',
		folders: ['src/lib/server'],
		forbid: ['src/lib/client', 'src/lib/components', 'src/routes', 'server'],
		aliases: ['$lib', '$app', '$env']
	},
	{
		name: 'components',
		folders: ['src/lib/components'],
		forbid: ['src/routes', 'server'],
		types: ['src/lib/server']
	},
	{ name: 'app and routes', folders: ['src'], forbid: ['server'] },
	{
		name: 'process wiring and realtime transport',
		folders: ['server'],
		forbid: ['src/lib/client', 'src/lib/components', 'src/routes'],
		aliases: ['$lib', '$app', '$env']
	}
];

/** `text` with the characters special in a regular expression escaped. */
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every folder under `folder` (relative to the root), `folder` included. */
function foldersUnder(folder) {
	const found = [folder];
	for (const entry of fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
		if (entry.isDirectory()) found.push(...foldersUnder(path.posix.join(folder, entry.name)));
	}
	return found;
}

/** The import patterns that reach `target` (a folder relative to the root) from `folder`. */
function patternsTo(folder, target) {
	let relative = path.posix.relative(folder, target);
	if (!relative.startsWith('.')) relative = `./${relative}`;
	const regexes = [`^${escapeRegex(relative)}(/|$)`];
	if (target.startsWith('src/lib/')) regexes.push(`^\\$lib/${escapeRegex(target.slice(8))}(/|$)`);
	return regexes;
}

/**
 * One config per folder of each layer, whose `no-restricted-imports` patterns are the paths from
 * that folder to what its layer must not import (a folder belongs to the most specific layer
 * entry that contains it).
 */
function layerConfigs() {
	const owner = new Map();
	const byDepth = LAYERS.flatMap((layer) => layer.folders.map((folder) => ({ layer, folder })));
	byDepth.sort((a, b) => a.folder.length - b.folder.length);
	for (const { layer, folder } of byDepth) {
		for (const sub of foldersUnder(folder)) owner.set(sub, layer);
	}
	return [...owner].map(([folder, layer]) => {
		const message = `${layer.name} (${folder}) may not import this: docs/ARCHITECTURE.md, "Layers".`;
		const patterns = [
			...layer.forbid.flatMap((target) => patternsTo(folder, target)),
			...(layer.aliases ?? []).map((alias) => `^${escapeRegex(alias)}(/|$)`)
		].map((regex) => ({ regex, message }));
		const typeOnly = (layer.types ?? []).flatMap((target) => patternsTo(folder, target));
		patterns.push(...typeOnly.map((regex) => ({ regex, message, allowTypeImports: true })));
		const absolute = path.join(ROOT, folder);
		return {
			files: [(file) => path.dirname(file) === absolute && /\.(ts|js|svelte)$/.test(file)],
			rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
		};
	});
}

export default ts.config(
	{
		ignores: [
			'build/',
			'.build-*/',
			'.svelte-kit/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	...layerConfigs()
);
