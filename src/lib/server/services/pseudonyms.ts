import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexUpperCase } from '@oslojs/encoding';
import type { Role } from '../../shared/roles.ts';
import { appContext } from '../context.ts';

/**
 * Pseudonyms: how evaluators see people (RGPD). A pseudonym is stable for one person in one
 * workshop, different across workshops, and cannot be turned back into a name or an id without the
 * server's seal key: it is an HMAC-SHA-256 of the workshop and user ids under that key.
 */

/** Hex characters of the tag (24 bits: collisions stay unlikely in a workshop of hundreds). */
export const PSEUDONYM_TAG_LENGTH = 6;

/** Label of a pseudonym when the person has no category (e.g. a facilitator). */
export const PSEUDONYM_NO_CATEGORY = 'participant';

const encoder = new TextEncoder();

/** The stable tag of a person in a workshop: `PSEUDONYM_TAG_LENGTH` upper-case hex characters. */
export function pseudonymTag(input: { workshopId: string; userId: string }): string {
	const message = encoder.encode(
		`croisee-pseudonym-v1\u0000${input.workshopId}\u0000${input.userId}`
	);
	return encodeHexUpperCase(hmac(SHA256, appContext().sealKey, message)).slice(
		0,
		PSEUDONYM_TAG_LENGTH
	);
}

/**
 * The pseudonym shown instead of a person's name, e.g. `usager #A3F2C1`: their category (or
 * `participant`) and their tag in this workshop.
 */
export function pseudonymFor(input: {
	workshopId: string;
	userId: string;
	category?: string | null;
}): string {
	return `${input.category ?? PSEUDONYM_NO_CATEGORY} #${pseudonymTag(input)}`;
}

/**
 * True when a viewer with `role` must see pseudonyms rather than names: evaluators, unless the
 * workshop's `evaluatorsSeeNames` setting is on.
 */
export function seesPseudonyms(input: { role: Role; evaluatorsSeeNames: boolean }): boolean {
	return input.role === 'evaluator' && !input.evaluatorsSeeNames;
}
