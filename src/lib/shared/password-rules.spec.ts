import { describe, expect, it } from 'vitest';
import { signUpInput } from './validation.ts';
import { MIN_PASSWORD_LENGTH, passwordWeakness } from './password-rules.ts';

describe('new password strength', () => {
	it('accepts passphrases, such as the one the tests use', () => {
		expect(passwordWeakness('correct horse battery staple')).toBeNull();
		expect(passwordWeakness('a long password')).toBeNull();
		expect(passwordWeakness('Ténèbres-du-Rhône-42')).toBeNull();
	});

	it('refuses short, repetitive and common passwords', () => {
		expect(MIN_PASSWORD_LENGTH).toBeGreaterThanOrEqual(12);
		expect(passwordWeakness('Sh0rt!pass')).toBe('too_short');
		expect(passwordWeakness('aaaaaaaaaaaaaaaa')).toBe('too_repetitive');
		expect(passwordWeakness('abababababab')).toBe('too_repetitive');
		expect(passwordWeakness('123456789012')).toBe('too_common');
		expect(passwordWeakness('Password1234')).toBe('too_common');
		expect(passwordWeakness('Mot de passe 123')).toBe('too_common');
		expect(passwordWeakness('AZERTYUIOP123')).toBe('too_common');
	});

	it('makes sign-up input refuse a weak password on the password field', () => {
		const base = { name: 'Awa', email: 'awa@example.org' };
		const weak = signUpInput.safeParse({ ...base, password: 'password1234' });
		expect(weak.success).toBe(false);
		expect(weak.error?.issues[0]?.path).toEqual(['password']);
		expect(signUpInput.safeParse({ ...base, password: 'eleven char' }).success).toBe(false);
		expect(
			signUpInput.safeParse({ ...base, password: 'correct horse battery staple' }).success
		).toBe(true);
	});
});
