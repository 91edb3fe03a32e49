import { describe, expect, it } from 'vitest';
import { signUpInput } from '../shared/validation.ts';
import { fieldErrors, formString, safeNextPath } from './forms.ts';

describe('fieldErrors', () => {
	it('names one failure code per invalid field', () => {
		const parsed = signUpInput.safeParse({ name: ' ', email: 'nope', password: 'short' });
		expect(parsed.success).toBe(false);
		if (!parsed.success) {
			expect(fieldErrors(parsed.error)).toEqual({
				name: 'name_invalid',
				email: 'email_invalid',
				password: 'password_invalid'
			});
		}
	});
});

describe('formString', () => {
	it('reads text fields and ignores missing ones', () => {
		const data = new FormData();
		data.set('name', 'Ana');
		expect(formString(data, 'name')).toBe('Ana');
		expect(formString(data, 'missing')).toBe('');
	});
});

describe('safeNextPath', () => {
	it('accepts a path on this site', () => {
		expect(safeNextPath('/boards/abc?x=1')).toBe('/boards/abc?x=1');
	});

	it('refuses other origins and empty values', () => {
		for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', '', null]) {
			expect(safeNextPath(next)).toBeNull();
		}
	});

	it('refuses every hostile spelling of another origin, encoded or not', () => {
		const hostile = [
			'//evil.example/path',
			'///evil.example',
			'/\\evil.example',
			'\\\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r/evil.example',
			'\t//evil.example',
			' //evil.example',
			'/%09/evil.example',
			'/%0a/evil.example',
			'/%0D/evil.example',
			'/%2F/evil.example',
			'/%2f%2fevil.example',
			'%2F%2Fevil.example',
			'/%5Cevil.example',
			'/%5c%5cevil.example',
			'/%252F/evil.example',
			'/%25252F/evil.example',
			'/%2525252F/evil.example',
			'https://evil.example',
			'HTTPS://evil.example',
			'https:evil.example',
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'evil.example',
			'/%',
			'/%E0%A4%A',
			'/\u0000/evil.example',
			'/\u007f/evil.example',
			'/' + 'a'.repeat(3000)
		];
		for (const next of hostile) expect(safeNextPath(next), JSON.stringify(next)).toBeNull();
	});

	it('keeps the paths the site itself sends people back to', () => {
		expect(safeNextPath('/dashboard')).toBe('/dashboard');
		expect(safeNextPath('/workshops/abc/report')).toBe('/workshops/abc/report');
		expect(safeNextPath('/boards/abc?x=a%2Fb#top')).toBe('/boards/abc?x=a%2Fb#top');
		expect(safeNextPath('/programmes/../dashboard')).toBe('/dashboard');
	});
});
