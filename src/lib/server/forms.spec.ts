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
});
