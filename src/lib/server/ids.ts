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
