import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http-client.ts';
import { Harness, warmUp } from './support.ts';

/** `?next=` and `next` fields that try to send people to another site after signing in. */
const HOSTILE_NEXT = [
	'//evil.example',
	'/\t/evil.example',
	'/%09/evil.example',
	'/\\evil.example',
	'/%2F/evil.example',
	'https://evil.example'
];

describe('redirects after sign-in and language choice', () => {
	const h = new Harness();
	beforeAll(() => warmUp('pglite'));
	afterEach(() => h.cleanup());

	it('follow `next` only to a path of this site, else go to the default page', async () => {
		const database = await h.database('pglite');
		const server = await h.server(database);
		const account = new ApiClient(server.url);
		const email = await account.signUp();
		const form = (fields: Record<string, string>) => ({
			method: 'POST',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(fields).toString(),
			redirect: 'manual' as const
		});

		for (const next of HOSTILE_NEXT) {
			const query = `?next=${encodeURIComponent(next)}`;
			const signedIn = await fetch(`${server.url}/login${query}`, {
				headers: { cookie: account.cookie },
				redirect: 'manual'
			});
			expect(signedIn.status, next).toBe(303);
			expect(signedIn.headers.get('location'), next).toBe('/dashboard');

			const login = await fetch(
				`${server.url}/login${query}`,
				form({ email, password: 'correct horse battery staple' })
			);
			expect(login.status, next).toBe(303);
			expect(login.headers.get('location'), next).toBe('/dashboard');

			const locale = await fetch(`${server.url}/locale`, form({ locale: 'en', next }));
			expect(locale.status, next).toBe(303);
			expect(locale.headers.get('location'), next).toBe('/');
		}

		const own = await fetch(`${server.url}/login?next=${encodeURIComponent('/workshops')}`, {
			headers: { cookie: account.cookie },
			redirect: 'manual'
		});
		expect(own.headers.get('location')).toBe('/workshops');
	});
});
