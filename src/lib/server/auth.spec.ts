import { describe, expect, it } from 'vitest';
import { cookieFromHeader, SESSION_COOKIE, sessionTokenFromCookieHeader } from './auth.ts';

describe('cookieFromHeader', () => {
	it('finds a cookie by its exact name among others, decoded', () => {
		const header = 'a=1; croisee-locale=en; croisee-locale-old=fr; x=%C3%A9';
		expect(cookieFromHeader(header, 'croisee-locale')).toBe('en');
		expect(cookieFromHeader(header, 'x')).toBe('é');
		expect(cookieFromHeader(header, 'locale')).toBeNull();
	});

	it('answers null for no header, an empty value or a malformed escape, without throwing', () => {
		expect(cookieFromHeader(undefined, 'a')).toBeNull();
		expect(cookieFromHeader('a=', 'a')).toBeNull();
		expect(cookieFromHeader('a=%E0%A4%A', 'a')).toBeNull();
	});

	it('reads the session token the same way', () => {
		expect(sessionTokenFromCookieHeader(`x=1; ${SESSION_COOKIE}=abc`)).toBe('abc');
		expect(sessionTokenFromCookieHeader('x=1')).toBeNull();
	});
});
