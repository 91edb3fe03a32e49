import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// `scripts/build.js` builds into a folder of its own, then renames it to `build/`.
		adapter: adapter({ out: process.env.CROISEE_BUILD_OUT || 'build' }),
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'object-src': ['none']
			}
		},
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push(
					'../server/**/*.ts',
					'../tests/**/*.ts',
					'../vite.config.ts',
					'../playwright.config.ts',
					'../drizzle.config.ts',
					'../scripts/**/*.js',
					'../scripts/**/*.ts'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
