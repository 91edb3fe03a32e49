import { describe, expect, it } from 'vitest';
import { judgeCrossSite } from './cross-site.ts';

const allowedOrigin = 'https://croisee.example.fr';

function judge(method: string, origin: string | null, secFetchSite: string | null = null) {
	return judgeCrossSite({ method, origin, secFetchSite, allowedOrigin });
}

describe('cross-site request check', () => {
	it('lets reads through whatever their origin', () => {
		expect(judge('GET', 'https://evil.example')).toBeNull();
		expect(judge('HEAD', null, 'cross-site')).toBeNull();
		expect(judge('OPTIONS', 'null')).toBeNull();
	});

	it('refuses a state-changing request from any other origin, including look-alikes', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
			expect(judge(method, 'https://evil.example')).toBe('foreign_origin');
		}
		for (const origin of [
			'null',
			'http://croisee.example.fr',
			'https://croisee.example.fr:8443',
			'https://croisee.example.fr.evil.example',
			'https://sub.croisee.example.fr',
			''
		]) {
			expect(judge('POST', origin, 'same-origin')).toBe('foreign_origin');
		}
	});

	it('accepts the configured origin', () => {
		expect(judge('POST', allowedOrigin)).toBeNull();
		expect(judge('DELETE', allowedOrigin, 'same-origin')).toBeNull();
	});

	it('falls back to Sec-Fetch-Site when a browser sends no Origin', () => {
		expect(judge('POST', null, 'same-origin')).toBeNull();
		expect(judge('POST', null, 'none')).toBeNull();
		expect(judge('POST', null, 'cross-site')).toBe('foreign_fetch_site');
		expect(judge('POST', null, 'same-site')).toBe('foreign_fetch_site');
	});

	it('lets a client that is no browser (neither header) through, to be judged by its credentials', () => {
		expect(judge('POST', null, null)).toBeNull();
	});
});
