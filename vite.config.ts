import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { croiseeDevServer } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), ...(process.env.VITEST ? [] : [croiseeDevServer()])],
	server: { port: Number(process.env.PORT) || 5173 },
	test: {
		include: [
			'src/**/*.spec.ts',
			'server/**/*.spec.ts',
			'scripts/**/*.spec.ts',
			'tests/integration/**/*.test.ts'
		],
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 60_000,
		env: { NODE_ENV: 'test' },
		// The production build is loaded by the integration tests as Node loads it in production:
		// not transformed again (its chunks are named `*.svelte.js-<hash>.js`, which the Svelte
		// plugin would recompile as rune modules, failing every page render).
		server: { deps: { external: [/\/build\//] } }
	}
});
