import { encodeBase32LowerCaseNoPadding, encodeBase64url } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** A random identifier for rows that appear in URLs (80 bits, base32, 16 characters). */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

/** A secret token of 144 bits from the CSPRNG, base64url (24 characters). */
export function newToken(): string {
	return encodeBase64url(crypto.getRandomValues(new Uint8Array(18)));
}

/** SHA-256 of a token, lower-case hex: what the database stores instead of the token. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * The opaque per-board id of a person, safe to show to others: the first 16 hex characters of
 * sha256(boardId + userId). Live signals carry it, and so does the `hand-lowered-by-facilitator`
 * event.
 */
export function personIdOf(boardId: string, userId: string): string {
	return hashToken(boardId + userId).slice(0, 16);
}

/** The short code's alphabet: lower-case letters and digits without look-alikes (0 o 1 i l). */
export const SHORT_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
/** Characters of a short code (31^8 ≈ 8.5 × 10^11 codes, about 40 bits). */
export const SHORT_CODE_LENGTH = 8;

/**
 * A typeable join code for the room screen, from the CSPRNG without modulo bias: read aloud or
 * copied from a projector, it is shown as two groups ("k7m2-q9xd", see `formatShortCode`).
 */
export function newShortCode(): string {
	let code = '';
	const limit = 256 - (256 % SHORT_CODE_ALPHABET.length);
	while (code.length < SHORT_CODE_LENGTH) {
		for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
			if (byte < limit && code.length < SHORT_CODE_LENGTH) {
				code += SHORT_CODE_ALPHABET[byte % SHORT_CODE_ALPHABET.length];
			}
		}
	}
	return code;
}

/** A short code as people read it: two groups of four joined by a hyphen. */
export function formatShortCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The short code someone typed, as stored: case, spaces and hyphens ignored; null when it cannot
 * be one (wrong length or a character outside the alphabet).
 */
export function normalizeShortCode(typed: string): string | null {
	const code = typed.toLowerCase().replace(/[\s-]/g, '');
	if (code.length !== SHORT_CODE_LENGTH) return null;
	return [...code].every((char) => SHORT_CODE_ALPHABET.includes(char)) ? code : null;
}
