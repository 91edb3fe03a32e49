import type { RefusalReason } from '../shared/refusals.ts';

/** What a person is told, in French, for each refusal reason (`src/lib/shared/refusals.ts`). */
export const refusalsFr: Record<`refusal_${RefusalReason}`, string> = {
	refusal_unauthenticated: 'Votre session a expiré : reconnectez-vous.',
	refusal_forbidden: 'Votre rôle ne permet pas cette action ici.',
	refusal_not_found: 'Introuvable : cet élément n’existe pas ou plus.',
	refusal_not_joined: 'Vous n’êtes pas encore connecté·e à ce tableau : réessayez dans un instant.',
	refusal_invalid: 'Cette demande n’est pas valable.',
	refusal_locked: 'C’est verrouillé par l’animation.',
	refusal_limit: 'Une limite est atteinte.',
	refusal_too_large: 'C’est trop volumineux.',
	refusal_rate: 'Trop de demandes à la fois : patientez un instant.',
	refusal_conflict: 'Ce n’est pas possible dans l’état actuel de l’atelier.',
	refusal_unavailable: 'Le serveur ne peut pas répondre pour l’instant : réessayez.'
};
