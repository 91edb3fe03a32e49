import * as z from 'zod';

/** A template's title, as its owner names it. */
export const templateTitle = z.string().trim().min(1).max(120);

/** Input of `POST /api/boards/<id>/save-as-template` and `PATCH /api/templates/<id>`. */
export const templateTitleInput = z.object({ title: templateTitle });
export type TemplateTitleInput = z.infer<typeof templateTitleInput>;

/** The id of one of the caller's own templates, as a form or JSON body carries it. */
export const ownTemplateId = z.string().min(1).max(64);

/** Prefix of an own template's value in the new-board form's template choice (`own:<id>`). */
export const OWN_TEMPLATE_PREFIX = 'own:';
