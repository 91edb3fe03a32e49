import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { croiseeDevServer } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), ...(process.env.VITEST ? [] : [croiseeDevServer()])],
	server: { port: Number(process.env.PORT) || 5173 },
	test: {
		include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 60_000,
		env: { NODE_ENV: 'test' }
	}
});
