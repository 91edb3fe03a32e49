import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexUpperCase } from '@oslojs/encoding';
import { DEFAULT_LOCALE, categoryLabel, translator, type Translate } from '../../i18n/index.ts';
import type { Role } from '../../shared/roles.ts';
import { appContext } from '../context.ts';

/**
 * Pseudonyms: how evaluators see people (RGPD). A pseudonym is stable for one person in one
 * workshop, different across workshops, and cannot be turned back into a name or an id without the
 * server's seal key: it is an HMAC-SHA-256 of the workshop and user ids under that key.
 */

/** Hex characters of the tag (24 bits: collisions stay unlikely in a workshop of hundreds). */
export const PSEUDONYM_TAG_LENGTH = 6;

/** Message naming a pseudonym's person when they have no category (e.g. a facilitator). */
export const PSEUDONYM_NO_CATEGORY = 'role_participant';

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
 * The pseudonym shown instead of a person's name, e.g. `Usager #A3F2C1`: their category's label
 * (or "Participant·e") in the reader's language (`t`; French, the default locale, when the caller
 * has no reader, e.g. the realtime presence) and their tag in this workshop.
 */
export function pseudonymFor(input: {
	workshopId: string;
	userId: string;
	category?: string | null;
	t?: Translate;
}): string {
	const t = input.t ?? translator(DEFAULT_LOCALE);
	const who = input.category ? categoryLabel(t, input.category) : t(PSEUDONYM_NO_CATEGORY);
	return `${who} #${pseudonymTag(input)}`;
}

/**
 * True when a viewer with `role` must see pseudonyms rather than names: evaluators, unless the
 * workshop's `evaluatorsSeeNames` setting is on.
 */
export function seesPseudonyms(input: { role: Role; evaluatorsSeeNames: boolean }): boolean {
	return input.role === 'evaluator' && !input.evaluatorsSeeNames;
}

/**
 * The name an anonymous workshop shows for a participant or observer: their category's label
 * ("Usager", "Élu·e"), or "Anonyme" without a category, in the reader's language (`t`; French by
 * default). For `server/realtime/access.ts` (`shownName`), which shows the raw key today.
 */
export function anonymousNameFor(input: { category: string | null; t?: Translate }): string {
	const t = input.t ?? translator(DEFAULT_LOCALE);
	return input.category ? categoryLabel(t, input.category) : t('outputs_anonymous');
}
