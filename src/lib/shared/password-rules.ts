/**
 * The strength a new password must have (sign-up), shared by the form and the server: at least
 * `MIN_PASSWORD_LENGTH` characters (a passphrase of three or four words is the easy way), several
 * different characters, and not one of the passwords attackers try first. Existing passwords are
 * not re-judged at sign-in.
 */

/** Shortest password accepted at sign-up, in characters (NIST SP 800-63B: 8 at least; we ask 12). */
export const MIN_PASSWORD_LENGTH = 12;
/** Fewest distinct characters: refuses `aaaaaaaaaaaa` and `abababababab`. */
const MIN_DISTINCT_CHARACTERS = 5;

/**
 * Passwords of 12 characters or more found at the top of public leak lists, and French ones of
 * the same kind, lower-cased, spaces removed.
 */
const COMMON_PASSWORDS = new Set([
	'123456789012',
	'1234567890123',
	'12345678901234',
	'123456789123',
	'123123123123',
	'111111111111',
	'000000000000',
	'098765432109',
	'qwertyuiop12',
	'qwertyuiop123',
	'qwertyuiopasdf',
	'qwertyuiopasdfghjkl',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'qazwsxedcrfv',
	'zaqwsxcderfv',
	'azertyuiop12',
	'azertyuiop123',
	'azertyuiopqsdf',
	'azertyuiopqsdfghjklm',
	'passwordpassword',
	'password1234',
	'password12345',
	'password123456',
	'passw0rd1234',
	'iloveyou1234',
	'letmein12345',
	'welcome12345',
	'administrator',
	'administrateur',
	'motdepasse123',
	'motdepasse1234',
	'motdepassemotdepasse',
	'soleil123456',
	'bonjour12345',
	'jetaime12345',
	'marseille2026',
	'doudou123456',
	'loulou123456',
	'princesse123',
	'chocolat1234',
	'football1234',
	'baseball1234',
	'superman1234',
	'starwars1234',
	'sunshine1234',
	'trustno1trustno1',
	'abcdefghijkl',
	'abcdefghijklm',
	'abcd1234abcd1234',
	'azerty123456',
	'qwerty123456',
	'qwerty1234567',
	'croisee12345',
	'croiseecroisee'
]);

/** Why a new password is refused, or null when it is strong enough. */
export type PasswordWeakness = null | 'too_short' | 'too_repetitive' | 'too_common';

/** Judges a new password (sign-up). */
export function passwordWeakness(password: string): PasswordWeakness {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (new Set(password).size < MIN_DISTINCT_CHARACTERS) return 'too_repetitive';
	if (COMMON_PASSWORDS.has(password.toLowerCase().replace(/\s+/g, ''))) return 'too_common';
	return null;
}
