/** Permission roles: what a person may do on a workshop's boards. */
export const ROLES = ['facilitator', 'participant', 'observer', 'evaluator'] as const;
export type Role = (typeof ROLES)[number];

/** Default categories: who a person speaks as. Independent of the role. */
export const DEFAULT_CATEGORIES = ['usager', 'agent', 'manager', 'elu', 'other'] as const;
export type Category = string;

/** Roles whose Yjs and facilitation writes are applied. */
export const WRITING_ROLES: readonly Role[] = ['facilitator', 'participant'];

/** True when `role` may change a board's content. */
export function canWrite(role: Role): boolean {
	return WRITING_ROLES.includes(role);
}
