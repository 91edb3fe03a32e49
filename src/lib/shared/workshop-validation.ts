import * as z from 'zod';
import { ROLES } from './roles.ts';
import { ownTemplateId } from './template-validation.ts';

/** Longest place a workshop may name (characters), e.g. « Salle du conseil, mairie de Lyon 3e ». */
export const PLACE_MAX_CHARS = 160;

/** A category label (who a person speaks as): a short text, e.g. `usager` or `travailleur pair`. */
export const categoryName = z.string().trim().min(1).max(40);

/** A workshop's categories: 1 to 12 distinct labels, in display order. */
export const categoryList = z
	.array(categoryName)
	.min(1)
	.max(12)
	.refine((list) => new Set(list).size === list.length, 'categories must be distinct');

/** Settings of a workshop; every field optional (`PATCH` changes only those given). */
export const workshopSettingsInput = z.object({
	title: z.string().trim().min(1).max(120).optional(),
	/** ISO 8601 date-time, or null to clear it. */
	date: z.iso.datetime({ offset: true }).nullable().optional(),
	purpose: z.string().trim().max(2000).optional(),
	/** Where the workshop takes place (a room, a town hall); '' clears it. */
	place: z.string().trim().max(PLACE_MAX_CHARS).optional(),
	categories: categoryList.optional(),
	admission: z.enum(['open', 'admit']).optional(),
	anonymous: z.boolean().optional(),
	/** RGPD: evaluators see names (true) or pseudonyms (false, the default). */
	evaluatorsSeeNames: z.boolean().optional(),
	/** RGPD retention: raw update logs are purged after this many months (1–120); null keeps them. */
	retentionMonths: z.int().min(1).max(120).nullable().optional()
});
export type WorkshopSettingsInput = z.infer<typeof workshopSettingsInput>;

/** Input of `POST /api/workshops`: a title is required. */
export const createWorkshopInput = workshopSettingsInput.extend({
	title: z.string().trim().min(1).max(120)
});

/** Keys of the built-in board templates (layouts in `server/services/template-layouts.ts`). */
export const TEMPLATE_KEYS = [
	'idea-box',
	'user-journey',
	'empathy-map',
	'how-might-we',
	'barometer',
	'action-plan',
	'retrospective'
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/**
 * Input of `POST /api/workshops/<id>/boards`: a title and, optionally, one template: a built-in
 * one (`template`) or one of the caller's own (`ownTemplateId`), not both.
 */
export const createWorkshopBoardInput = z
	.object({
		title: z.string().trim().min(1).max(120),
		template: z.enum(TEMPLATE_KEYS).optional(),
		ownTemplateId: ownTemplateId.optional()
	})
	.refine(
		(value) => !(value.template && value.ownTemplateId),
		'give a built-in template or one of yours, not both'
	);

/** Roles an invitation link may give (facilitators are promoted by hand, never by a link). */
export const INVITE_ROLES = ['participant', 'observer', 'evaluator'] as const;

/** Input of `POST /api/workshops/<id>/invites`. */
export const createInviteInput = z.object({
	role: z.enum(INVITE_ROLES).default('participant'),
	/** A fixed category, or null to let the guest pick one of the workshop's. */
	category: categoryName.nullable().default(null),
	/** Board the link opens (default: the workshop's first board). */
	boardId: z.string().min(1).max(64).optional(),
	/** ISO 8601 expiry, or null for none. */
	expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
	/** Number of people who may join through it, or null for no limit. */
	maxUses: z.int().min(1).max(10_000).nullable().default(null),
	label: z.string().trim().max(80).default('')
});
export type CreateInviteInput = z.infer<typeof createInviteInput>;

/** Input of `PATCH /api/workshops/<id>/people/<userId>`. */
export const updatePersonInput = z
	.object({ role: z.enum(ROLES).optional(), category: categoryName.nullable().optional() })
	.refine((value) => value.role !== undefined || value.category !== undefined, 'nothing to change');

/** Input of `DELETE /api/workshops/<id>/people/<userId>` (body optional). */
export const removePersonInput = z.object({
	/** Also revoke the invitation link this person joined with. */
	revokeLink: z.boolean().default(false)
});

/** Input of `POST /api/workshops/<id>/feedback`. */
export const feedbackInput = z.object({
	satisfaction: z.int().min(1).max(5),
	worked: z.string().trim().max(2000).default(''),
	change: z.string().trim().max(2000).default('')
});
