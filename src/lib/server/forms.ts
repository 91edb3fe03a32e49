import type { z } from 'zod';
import { isUnstorableText } from './text-guard.ts';

/** Per-field failure codes of a form, e.g. `{ email: 'email_invalid' }` (translated by the page). */
export type FieldErrors = Record<string, string>;

/**
 * The failure code of each invalid field of a zod error: `<field>_invalid` (one message per field,
 * which says what a valid value looks like).
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path[0];
		if (typeof field === 'string' && !errors[field]) errors[field] = `${field}_invalid`;
	}
	return errors;
}

/**
 * The string value of a form field: '' when missing, a file, or holding text the database cannot
 * store (NUL, lone surrogates), so that validation then reports the field as invalid.
 */
export function formString(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' && !isUnstorableText(value) ? value : '';
}

/**
 * `next` when it is a path on this site (`/boards/…`), otherwise null: never an open redirect to
 * another origin (`//host`, `/\host`, `https://…`).
 */
export function safeNextPath(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return null;
	return next;
}
